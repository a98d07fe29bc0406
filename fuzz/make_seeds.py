#!/usr/bin/env python3
"""Writes the seed corpora (fuzz/corpus/<target>/) and dictionaries (fuzz/dict/<target>.dict) of
the fuzz targets. Run it again after changing a seed here or the API's routes; the files are
committed, and scripts/fuzz.sh fuzzes a copy of them."""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))


def write(target, seeds):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    for old in os.listdir(d):
        os.remove(os.path.join(d, old))
    for name, data in seeds:
        if isinstance(data, str):
            data = data.encode()
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)


def http(method, target, headers=(), body=b""):
    lines = [f"{method} {target} HTTP/1.1", "Host: 127.0.0.1:8080"] + list(headers)
    if body:
        if isinstance(body, str):
            body = body.encode()
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


session = "Cookie: renkei_session=3q2-7wEAAAA; renkei_csrf=Zm9vYmFy; lang=ja"
csrf = "X-CSRF-Token: Zm9vYmFy"
json_ct = "Content-Type: application/json"
write("http_router", [
    ("get_me", http("GET", "/api/me", [session])),
    ("get_healthz", http("GET", "/healthz")),
    ("head_index", http("HEAD", "/")),
    ("get_spa_route", http("GET", "/projects/01J9Z8X7W6V5T4S3R2Q1P0N9M8/documents")),
    ("get_document_content", http("GET", "/api/projects/01J9Z8X7W6V5T4S3R2Q1P0N9M8/documents/01J9Z8X7W6V5T4S3R2Q1P0N9M9/content?version=2", [session])),
    ("get_audit_query", http("GET", "/api/audit?entity=seed&entity_id=01J9Z8X7W6V5T4S3R2Q1P0N9M8&limit=50", [session])),
    ("get_search", http("GET", "/api/search?q=%E5%BF%83%E9%9B%BB%E5%9B%B3+patch&scope=seeds", [session])),
    ("get_bookings", http("GET", "/api/bookings?mine=true&from=2026-12-01T00:00:00%2B09:00&to=2026-12-08T00:00:00%2B09:00", [session])),
    ("get_calendar_feed", http("GET", "/api/calendar/feed.ics?token=AbC-dEf_123")),
    ("get_contract_template", http("GET", "/api/contracts/templates/nda/file?version=1", [session])),
    ("put_contract_template", http("PUT", "/api/contracts/templates/nda?filename=%E7%A7%98%E5%AF%86%E4%BF%9D%E6%8C%81v2.docx&note=v2",
                                   [session, csrf, "Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document"], b"PK\x03\x04")),
    ("post_session", http("POST", "/api/session", [json_ct], '{"email":"tanaka.kenji@renkei.example","password":"renkei-demo-2026"}')),
    ("delete_session", http("DELETE", "/api/session", [session, csrf])),
    ("post_booking", http("POST", "/api/bookings", [session, csrf, json_ct],
                          '{"space_id":"01J9","title":"定例","start":"2026-12-01T10:00:00+09:00","end":"2026-12-01T11:00:00+09:00"}')),
    ("patch_space", http("PATCH", "/api/spaces/01J9Z8X7W6V5T4S3R2Q1P0N9M8", [session, csrf, json_ct], '{"bookable":false}')),
    ("options_405", http("OPTIONS", "/api/people", [session])),
    ("put_405", http("PUT", "/api/bookings/check", [session])),
    ("chunked", b"POST /api/needs HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n" + session.encode() +
                b"\r\n\r\n5\r\n{\"a\":\r\n3\r\n 1}\r\n0\r\n\r\n"),
    ("http10", b"GET /api/areas HTTP/1.0\r\n\r\n"),
    ("double_slash", http("GET", "//etc/passwd")),
    ("encoded_slash", http("GET", "/%2Fetc%2Fhostname")),
    ("encoded_dots", http("GET", "/api/people/%2e%2e/%2e%2e/admin?x=%zz&%=1&a&&b=")),
    ("overlong", http("GET", "/%C0%AE%C0%AE/%252e%252e/secret")),
    ("empty_param", http("GET", "/api/people//password")),
    ("trailing_slash", http("GET", "/api/people/01J9/")),
    ("pipelined", http("GET", "/api/me", [session]) + http("GET", "/api/areas")),
    ("forwarded_for", http("GET", "/api/me", [session, "X-Forwarded-For: 198.51.100.7, 10.0.0.3,  ::ffff:10.0.0.2 ,fd00::1"])),
    ("forwarded_for_forged", http("POST", "/api/session", [json_ct, "X-Forwarded-For: 127.0.0.1, not-an-ip, 2001:db8::1%eth0"],
                                  '{"email":"a@b.example","password":"x"}')),
    ("cookies_odd", http("GET", "/api/me", ["Cookie: ;;  renkei_session; =x; renkei_session==v=; renkei_csrf=\"q\""])),
])

write("static_files", [
    ("root", b"\x00/"),
    ("index", b"\x00/index.html"),
    ("asset", b"\x00/assets/index-abc123.js"),
    ("asset_head", b"\x01/assets/logo.svg"),
    ("alias", b"\x00/alias.js"),
    ("spa_route", b"\x00/admin/people"),
    ("spa_route_query", b"\x00/projects/?tab=documents"),
    ("post", b"\x02/index.html"),
    ("missing_asset", b"\x00/assets/index-zzz.js"),
    ("etc_passwd", b"\x00//etc/passwd"),
    ("encoded_root", b"\x00/%2Fetc%2Fhostname"),
    ("proc", b"\x00//proc/self/cmdline"),
    ("leak_symlink", b"\x00/leak.db"),
    ("relative_symlink", b"\x00/assets/relative-leak.js"),
    ("dir_symlink", b"\x00/outdir/key"),
    ("passwd_symlink", b"\x00/assets/passwd.js"),
    ("dotdot", b"\x00/../secret.db"),
    ("encoded_dotdot", b"\x00/assets/%2e%2e/%2e%2e/secret.db"),
    ("double_encoded", b"\x00/%252e%252e/secret.db"),
    ("backslash", b"\x00/assets\\..\\..\\secret.db"),
    ("overlong_dot", b"\x00/%C0%AE%C0%AE/secret.db"),
    ("nul", b"\x00/index.html%00.js"),
    ("dot_segment", b"\x00/./index.html"),
    ("japanese_route", b"\x00/%E9%80%A3%E6%90%BA/%E6%A1%88%E4%BB%B6"),
    ("swap_page", b"\x00/swap.html"),
    ("swap_symlink", b"\x04/swap.html"),
])

write("json_body", [
    ("login", '{"email":"tanaka.kenji@renkei.example","password":"renkei-demo-2026"}'),
    ("need", '{"title":"  褥瘡の早期発見  ","description":"夜間の体位変換の記録が\\n紙のままで、\\r\\n共有されない。","tags":["看護","褥瘡"],"public":true}'),
    ("seed", '{"title":"ECG patch","description":"","confidential":false,"keywords":["心電図","wearable"],"company_id":null}'),
    ("booking", '{"space_id":"01J9Z8X7W6V5T4S3R2Q1P0N9M8","title":"定例","start":"2026-12-01T10:00:00+09:00","end":"2026-12-01T11:00:00+09:00","attendee_ids":[],"recurrence":{"freq":"weekly","weekdays":["MO","WE"],"count":4}}'),
    ("event", '{"space_id":"x","kind":"seminar","title_ja":"医工連携セミナー","title_en":"","capacity":80,"public":true,"description_ja":"第1部\\t講演"}'),
    ("person", '{"email":"nakamura.yumi@renkei.example","name":"中村 由美","name_en":"Yumi Nakamura","roles":["office","committee"],"active":true}'),
    ("contract_terms", '{"type":"joint_research","title":"共同研究契約","terms":{"ip_share_university":50,"ip_share_company":50,"amount_yen":12000000,"renewal":"auto","purpose":"心電図パッチ"}}'),
    ("coi_declaration", '{"fiscal_year":2026,"nothing_to_declare":false,"items":[{"category":"consulting","company":"ｼﾅﾉﾏﾁ ﾒﾃﾞｨﾃｯｸ（株）","amount_yen":9223372036854775807}]}'),
    ("blank_values", '{"title":"\\u3000 \\u3000","name":" ","note":null,"tags":[" ",""],"public":"yes"}'),
    ("escapes", '{"title":"\\ud83d\\ude00 \\u2028 \\u00a9 \\u0000","description":"\\u0001\\u007f"}'),
    ("duplicate_keys", '{"title":"a","title":"b","tags":null,"public":1}'),
    ("not_object", '["title"]'),
    ("deep", '{"a":' * 40 + '1' + '}' * 40),
    ("numbers", '{"n":1e400,"m":-0,"k":18446744073709551616,"amount_yen":9223372036854775808}'),
    ("whole_numbers", '{"a":9223372036854775808.0,"b":-9223372036854775808.0,"c":3.0,"d":2.5,"e":"+42","f":" 7",'
                      '"g":"-0","h":"99999999999999999999","i":1e15,"j":-1,"k":18446744073709551615}'),
])

need_xml = ('<w:p><w:r><w:t xml:space="preserve">甲：</w:t></w:r><w:r><w:t>{{party_a_</w:t></w:r>'
            '<w:r><w:rPr><w:b/></w:rPr><w:t>name}}</w:t></w:r></w:p>')
write("docx_fields", [
    ("brace_field", '<w:p><w:r><w:t>件名：{{contract_title}}</w:t></w:r></w:p>'),
    ("brace_split", need_xml),
    ("brace_spaces", '<w:p><w:r><w:t>{{ today }} {{{purpose}}} {{bad-name}} {{}}</w:t></w:r><w:r><w:tab/><w:t/></w:r></w:p>'),
    ("fldsimple", '<w:p><w:r><w:t xml:space="preserve">甲：</w:t></w:r><w:fldSimple w:instr=" MERGEFIELD party_a_name \\* MERGEFORMAT ">'
                  '<w:r><w:rPr><w:b/></w:rPr><w:t>«party_a_name»</w:t></w:r></w:fldSimple></w:p>'
                  '<w:p><w:fldSimple w:instr="MERGEFIELD  &quot;today&quot;"/></w:p>'),
    ("complex_field", '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGE</w:instrText></w:r>'
                      '<w:r><w:instrText>FIELD project_title </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                      '<w:r><w:rPr><w:i/></w:rPr><w:t>«project_title»</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'),
    ("nested_if", '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> IF </w:instrText></w:r>'
                  '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> MERGEFIELD renewal </w:instrText></w:r>'
                  '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:instrText> = "auto" "自動更新" "" </w:instrText></w:r>'
                  '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'),
    ("across_paragraphs", '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> MERGEFIELD purpose </w:instrText></w:r>'
                          '<w:r><w:fldChar w:fldCharType="separate"/></w:r></w:p><w:p><w:r><w:t>x</w:t></w:r>'
                          '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'),
    ("mixed", '<w:p><w:r><w:t>{{contract_title}}：</w:t></w:r><w:fldSimple w:instr=" MERGEFIELD purpose ">'
              '<w:r><w:t>«purpose»</w:t></w:r></w:fldSimple></w:p>'),
    ("document", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                 '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t xml:space="preserve">秘密保持契約書</w:t></w:r></w:p>'
                 '<w:p><w:r><w:t xml:space="preserve">{{party_a_name}}（以下「甲」という。）と{{party_b_name}}（以下「乙」という。）は</w:t></w:r></w:p>'
                 '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{{amount_yen}}円</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
                 '<w:sectPr><w:headerReference w:type="default" r:id="rId2"/></w:sectPr></w:body></w:document>'),
    ("header", '<w:hdr xmlns:w="x"><w:p><w:r><w:t xml:space="preserve">{{party_a_name}}・{{party_b_name}}　{{contract_title}}</w:t></w:r></w:p></w:hdr>'),
    ("unclosed", '<w:p><w:r><w:t>{{today}}</w:t><w:fldSimple w:instr="MERGEFIELD today"><w:r><w:t>x'),
])


# The ics target reads its input with FuzzedDataProvider: integers from the end (each one little-endian,
# bytes taken backwards), strings from the front, each ended by a backslash and another byte.
def provider(strings, rest, ints):
    front = b"".join(s.encode().replace(b"\\", b"\\\\") + b"\\ " for s in strings) + rest.encode()
    tail = b""
    for value, nbytes in ints:  # in the order they are consumed
        tail = bytes((value >> (8 * i)) & 0xFF for i in range(nbytes)) + tail
    return front + tail


def ics_seed(unix, length, freq, interval, weekdays, count, until_days, name, summary, location, description):
    kmin = -62167219200
    ints = [(unix - kmin, 5), (length, 4), (freq, 1), (interval + 1, 1), (len(weekdays), 1)]
    ints += [(w + 1, 1) for w in weekdays]
    ints += [(1 if count is not None else 0, 1)]
    if count is not None:
        ints += [(count + 1, 1)]
    ints += [(1 if until_days is not None else 0, 1)]
    if until_days is not None:
        ints += [(until_days + 2, 2)]
    return provider([name, summary, location], description, ints)


write("ics", [
    ("weekly_japanese", ics_seed(1796086800, 3600, 1, 1, [0, 2], 4, None, "Renkei",
                                 "循環器デバイス共同研究, 定例; 第3回", "会議室A / Meeting room A",
                                 "議題: 臨床ニーズと試作品の評価\nについて詳しく話し合う")),
    ("monthly_until", ics_seed(1801443600, 5400, 2, 1, [], None, 120, "3F 会議室 / Room 3",
                               "月例報告", "3F", "line1\r\nline2\\;,")),
    ("daily_long_text", ics_seed(1796086800, 1800, 0, 2, [], 3, None, "x" * 80,
                                 "あ" * 40, "🙂" * 30, "a,b;c\\d\n" * 20)),
    ("weekly_empty", ics_seed(1796086800, 3600, 1, 1, [0], None, 5, "", "", "", "")),
])


def write_dict(name, comment, tokens):
    def quote(t):
        out = ""
        for b in t.encode():
            c = chr(b)
            if c in '"\\':
                out += "\\" + c
            elif 0x20 <= b < 0x7F:
                out += c
            else:
                out += "\\x%02X" % b
        return '"' + out + '"'
    os.makedirs(os.path.join(HERE, "dict"), exist_ok=True)
    with open(os.path.join(HERE, "dict", name + ".dict"), "w") as f:
        f.write("# " + comment + "\n")
        seen = set()
        for t in tokens:
            if t not in seen:
                seen.add(t)
                f.write(quote(t) + "\n")


segments = set()
for line in open(os.path.join(HERE, "..", "docs", "openapi.yaml"), encoding="utf-8"):
    m = re.match(r"^  (/[^:]*):", line)
    if m:
        segments.update(s for s in m.group(1).split("/") if s and not s.startswith("{"))
write_dict("http_router", "HTTP/1.1 request syntax, the API's path segments and query keys (libFuzzer -dict).",
           ["GET ", "HEAD ", "POST ", "PUT ", "PATCH ", "DELETE ", "OPTIONS ", " HTTP/1.1\r\n", " HTTP/1.0\r\n", "\r\n",
            "\r\n\r\n", "Host: ", "Cookie: ", "renkei_session=", "renkei_csrf=", "X-CSRF-Token: ", "Content-Length: ",
            "Content-Type: application/json\r\n", "Transfer-Encoding: chunked\r\n", "X-Forwarded-For: ", "Connection: close\r\n",
            "Expect: 100-continue\r\n", "0\r\n\r\n", "/api/", "//", "/..", "/.", "%2F", "%2f", "%2E", "%25", "%00", "%C0%AE",
            "%E3%80%80", "+", "?", "&", "=", ";", "{", "}"] + sorted(segments) +
           ["q=", "status=", "entity=", "entity_id=", "limit=", "version=", "filename=", "token=", "from=", "to="])
write_dict("static_files", "Request paths against the fuzz web root: its files, the symlinks out, encodings (libFuzzer -dict).",
           ["/", "//", "/assets/", "index.html", "swap.html", "index-abc123.js", "logo.svg", "alias.js", "leak.db", "relative-leak.js",
            "outdir/", "key", "passwd.js", "secret.db", "..", ".", "%2e", "%2E", "%2f", "%2F", "%5c", "\\", "%00", "%252e",
            "%C0%AE", "%E2%80%AE", "etc/passwd", "proc/self/", "?", ":"])
write_dict("json_body", "JSON syntax, the API's field names, and tricky text (libFuzzer -dict).",
           ["{", "}", "[", "]", ":", ",", '"', "null", "true", "false", "-0", "1e400", "9223372036854775808", "\\u0000",
            "\\u3000", "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\n", "\\r", "\\t", '\\"', "\\\\", "\u3000",
            '"title"', '"description"', '"name"', '"email"', '"tags"', '"public"', '"note"', '"roles"', '"password"',
            '"space_id"', '"start"', '"end"', '"recurrence"', '"amount_yen"', '"fiscal_year"', '"terms"'])
write_dict("docx_fields", "WordprocessingML around merge fields (libFuzzer -dict).",
           ["<w:p>", "</w:p>", "<w:p/>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "<w:t/>", '<w:t xml:space="preserve">',
            "<w:tab/>", "<w:rPr>", "</w:rPr>", "<w:rPr><w:b/></w:rPr>", "<w:br/>", "{{", "}}", "{{ ", " }}",
            '<w:fldSimple w:instr="', '">', '"/>', "</w:fldSimple>", "MERGEFIELD ", " \\* MERGEFORMAT", "&quot;", "&amp;",
            "&lt;", '<w:fldChar w:fldCharType="begin"/>', '<w:fldChar w:fldCharType="separate"/>',
            '<w:fldChar w:fldCharType="end"/>', "<w:instrText>", "</w:instrText>", '<w:instrText xml:space="preserve">',
            " IF ", "party_a_name", "contract_title", "purpose", "today", "amount_yen", "project_title"])
