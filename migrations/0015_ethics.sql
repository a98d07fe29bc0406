-- Ethics review (倫理審査, SPEC §5, docs/ethics.md): the committees the office keeps with their
-- meetings and templates, a project's protocols with their timed history, enrolment counts,
-- adverse events, the reports filed, and the deadline rules the office edits. Dates are
-- YYYY-MM-DD in Asia/Tokyo; instants are UTC seconds (BIGINT).

-- kind: institutional (the institution's ethics committee, 倫理審査委員会) or certified
-- (認定臨床研究審査委員会 under 臨床研究法). approval_valid_months: the period an approval holds
-- when the committee sets one (NULL: no expiry).
CREATE TABLE ethics_committees (
    id TEXT PRIMARY KEY,
    name_ja TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    certification_no TEXT NOT NULL DEFAULT '',
    approval_valid_months INTEGER,
    active INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE ethics_committee_members (
    committee_id TEXT NOT NULL REFERENCES ethics_committees(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    PRIMARY KEY (committee_id, person_id)
);
CREATE INDEX ethics_committee_members_person ON ethics_committee_members(person_id);

-- A meeting and the last day a submission can make it.
CREATE TABLE ethics_meetings (
    id TEXT PRIMARY KEY,
    committee_id TEXT NOT NULL REFERENCES ethics_committees(id),
    meets_on TEXT NOT NULL,
    cutoff_on TEXT NOT NULL,
    UNIQUE (committee_id, meets_on)
);

-- The office's .docx templates of a committee's application, versioned (base64 like contracts').
CREATE TABLE ethics_templates (
    id TEXT PRIMARY KEY,
    committee_id TEXT NOT NULL REFERENCES ethics_committees(id),
    version INTEGER NOT NULL,
    filename TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    merge_fields TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL,
    uploaded_by TEXT REFERENCES people(id),
    uploaded_at BIGINT NOT NULL,
    UNIQUE (committee_id, version)
);

-- category: observational | interventional | specified_clinical | clinical_trial.
-- review_type: full | expedited. status: preparing | submitted | revisions_requested | approved |
-- active | completed | suspended | withdrawn. sites: one per line.
CREATE TABLE ethics_protocols (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id),
    title_ja TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL,
    committee_id TEXT NOT NULL REFERENCES ethics_committees(id),
    review_type TEXT NOT NULL DEFAULT 'full',
    status TEXT NOT NULL DEFAULT 'preparing',
    pi_id TEXT NOT NULL REFERENCES people(id),
    sites TEXT NOT NULL DEFAULT '',
    planned_start TEXT,
    planned_end TEXT,
    target_enrolment INTEGER,
    jrct_id TEXT NOT NULL DEFAULT '',
    jrct_registered_on TEXT,
    approval_no TEXT NOT NULL DEFAULT '',
    meeting_id TEXT REFERENCES ethics_meetings(id),
    submitted_on TEXT,
    approved_on TEXT,
    expires_on TEXT,
    activated_on TEXT,
    completed_on TEXT,
    created_by TEXT REFERENCES people(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX ethics_protocols_project ON ethics_protocols(project_id);
CREATE INDEX ethics_protocols_committee ON ethics_protocols(committee_id, status);

-- Sub-investigators (分担研究者); the PI is the protocol's pi_id.
CREATE TABLE ethics_investigators (
    protocol_id TEXT NOT NULL REFERENCES ethics_protocols(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    PRIMARY KEY (protocol_id, person_id)
);

-- Amendments (変更申請) and consent-form versions (同意説明文書 v1, v2 …), each reviewed on its own:
-- submitted → approved, or revisions_requested → submitted again; withdrawn. number counts per
-- protocol and kind; the document (optional for an amendment) is stored base64 like templates.
CREATE TABLE ethics_amendments (
    id TEXT PRIMARY KEY,
    protocol_id TEXT NOT NULL REFERENCES ethics_protocols(id),
    kind TEXT NOT NULL,
    number INTEGER NOT NULL,
    summary TEXT NOT NULL,
    filename TEXT NOT NULL DEFAULT '',
    size_bytes BIGINT NOT NULL DEFAULT 0,
    content TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    submitted_on TEXT NOT NULL,
    decided_on TEXT,
    decided_by TEXT REFERENCES people(id),
    created_by TEXT REFERENCES people(id),
    created_at BIGINT NOT NULL,
    UNIQUE (protocol_id, kind, number)
);

-- Every status change, with who, when (instant and the Tokyo day it counts for) and the note; seq
-- orders the changes of one protocol (several may fall in one second).
CREATE TABLE ethics_transitions (
    id TEXT PRIMARY KEY,
    protocol_id TEXT NOT NULL REFERENCES ethics_protocols(id),
    seq INTEGER NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    on_date TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    actor_id TEXT REFERENCES people(id),
    at BIGINT NOT NULL
);
CREATE UNIQUE INDEX ethics_transitions_protocol ON ethics_transitions(protocol_id, seq);

-- Enrolment: a count on a day (counts only, never patient data).
CREATE TABLE ethics_enrolment (
    protocol_id TEXT NOT NULL REFERENCES ethics_protocols(id),
    counted_on TEXT NOT NULL,
    enrolled INTEGER NOT NULL,
    recorded_by TEXT REFERENCES people(id),
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (protocol_id, counted_on)
);

-- An adverse event as the PI learnt of it: seriousness death | life_threatening | serious |
-- non_serious; expected (予測できる); unapproved (未承認・適応外の医薬品等). No patient data.
CREATE TABLE ethics_adverse_events (
    id TEXT PRIMARY KEY,
    protocol_id TEXT NOT NULL REFERENCES ethics_protocols(id),
    occurred_on TEXT,
    learned_on TEXT NOT NULL,
    seriousness TEXT NOT NULL,
    expected INTEGER NOT NULL,
    unapproved INTEGER NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    created_by TEXT REFERENCES people(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX ethics_adverse_events_protocol ON ethics_adverse_events(protocol_id);

-- A deadline met: the report of `kind` for `subject_id` (the adverse event, the end of the
-- reporting period, the approval's expiry day, or '' for a one-time report), due on `due_on` as
-- it was shown, filed on `filed_on`.
CREATE TABLE ethics_reports (
    protocol_id TEXT NOT NULL REFERENCES ethics_protocols(id),
    kind TEXT NOT NULL,
    subject_id TEXT NOT NULL DEFAULT '',
    due_on TEXT NOT NULL,
    filed_on TEXT NOT NULL,
    filed_by TEXT REFERENCES people(id),
    filed_at BIGINT NOT NULL,
    PRIMARY KEY (protocol_id, kind, subject_id)
);

-- The deadline rules (docs/ethics.md). trigger: what starts the period (adverse_event,
-- plan_submitted, data_collection_end, approval, activation); kind: the report that is due;
-- categories: the protocol categories the row applies to, comma-separated; seriousness,
-- expected, unapproved: which adverse events it applies to ('' or NULL: any); amount and unit
-- (day | month | year): the period; first_day_counts: 1 where the text says 「…した日から起算して」
-- (otherwise the first day is not counted, 民法 第140条); repeat_months: for a recurring report,
-- the length of each reporting period (counted from the start, first day included), the period
-- then running from the end of each; moves_to_business_day: 1 when a due date on a Saturday,
-- Sunday or national holiday moves to the next business day (民法 第142条).
CREATE TABLE ethics_deadline_rules (
    code TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    trigger_event TEXT NOT NULL,
    categories TEXT NOT NULL,
    seriousness TEXT NOT NULL DEFAULT '',
    expected INTEGER,
    unapproved INTEGER,
    amount INTEGER NOT NULL,
    unit TEXT NOT NULL,
    first_day_counts INTEGER NOT NULL DEFAULT 0,
    repeat_months INTEGER NOT NULL DEFAULT 0,
    moves_to_business_day INTEGER NOT NULL DEFAULT 0,
    label_ja TEXT NOT NULL,
    label_en TEXT NOT NULL,
    source_ja TEXT NOT NULL,
    source_url TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    updated_by TEXT REFERENCES people(id),
    updated_at BIGINT NOT NULL DEFAULT 0
);

-- The rules as the centre starts with them. Where the ordinance's own text could not be read, the
-- note says so and names what the period was taken from (docs/ethics-legal-periods.md); the office
-- checks and edits them on the ethics rules page.
INSERT INTO ethics_deadline_rules (code, position, kind, trigger_event, categories, seriousness, expected, unapproved, amount, unit, first_day_counts, repeat_months, moves_to_business_day, label_ja, label_en, source_ja, source_url, note) VALUES
('sae_unapproved_unexpected_grave', 10, 'sae_report', 'adverse_event', 'specified_clinical', 'death,life_threatening', 0, 1, 7, 'day', 0, 0, 0,
 '疾病等報告（未承認・適応外、予測できない死亡等）', 'Adverse event report (unapproved use, unexpected death or life-threatening)',
 '臨床研究法施行規則 第54条第1項第1号', 'https://laws.e-gov.go.jp/law/430M60000100017', '知ったときから7日以内に認定臨床研究審査委員会へ。条文未確認（施行通知・大学CRB資料による）'),
('sae_unapproved_expected_grave', 20, 'sae_report', 'adverse_event', 'specified_clinical', 'death,life_threatening', 1, 1, 15, 'day', 0, 0, 0,
 '疾病等報告（未承認・適応外、予測できる死亡等）', 'Adverse event report (unapproved use, expected death or life-threatening)',
 '臨床研究法施行規則 第54条第1項第2号イ', 'https://laws.e-gov.go.jp/law/430M60000100017', '15日以内。条文未確認（施行通知・大学CRB資料による）'),
('sae_unapproved_unexpected_serious', 30, 'sae_report', 'adverse_event', 'specified_clinical', 'serious', 0, 1, 15, 'day', 0, 0, 0,
 '疾病等報告（未承認・適応外、予測できない重篤）', 'Adverse event report (unapproved use, unexpected serious)',
 '臨床研究法施行規則 第54条第1項第2号ロ', 'https://laws.e-gov.go.jp/law/430M60000100017', '入院・障害等。15日以内。条文未確認（施行通知・大学CRB資料による）'),
('sae_approved_death', 40, 'sae_report', 'adverse_event', 'specified_clinical', 'death', NULL, 0, 15, 'day', 0, 0, 0,
 '疾病等報告（既承認、死亡）', 'Adverse event report (approved use, death)',
 '臨床研究法施行規則 第54条第1項第3号イ', 'https://laws.e-gov.go.jp/law/430M60000100017', '予測の可否を問わず15日以内。条文未確認（大学CRB資料による）'),
('sae_approved_unexpected_serious', 50, 'sae_report', 'adverse_event', 'specified_clinical', 'life_threatening,serious', 0, 0, 15, 'day', 0, 0, 0,
 '疾病等報告（既承認、予測できない重篤）', 'Adverse event report (approved use, unexpected serious)',
 '臨床研究法施行規則 第54条第1項第3号ロ', 'https://laws.e-gov.go.jp/law/430M60000100017', '15日以内。資料により定期報告とするものがあり、条文で要確認'),
('sae_approved_expected_serious', 60, 'sae_report', 'adverse_event', 'specified_clinical', 'life_threatening,serious', 1, 0, 30, 'day', 0, 0, 0,
 '疾病等報告（既承認、予測できる重篤）', 'Adverse event report (approved use, expected serious)',
 '臨床研究法施行規則 第54条第1項第4号', 'https://laws.e-gov.go.jp/law/430M60000100017', '30日以内。条文未確認（大学CRB資料による）'),
('sae_trial_unexpected_grave', 70, 'sae_report', 'adverse_event', 'clinical_trial', 'death,life_threatening', 0, NULL, 7, 'day', 0, 0, 0,
 '副作用等報告（治験、予測できない死亡等）', 'Adverse reaction report (trial, unexpected death or life-threatening)',
 '医薬品医療機器等法 第80条の2第6項、同法施行規則 第273条', 'https://www.pmda.go.jp/review-services/trials/0011.html', '知ったときから7日以内。各号の区分は条文未確認'),
('sae_trial_unexpected_serious', 80, 'sae_report', 'adverse_event', 'clinical_trial', 'serious', 0, NULL, 15, 'day', 0, 0, 0,
 '副作用等報告（治験、予測できない重篤）', 'Adverse reaction report (trial, unexpected serious)',
 '医薬品医療機器等法 第80条の2第6項、同法施行規則 第273条', 'https://www.pmda.go.jp/review-services/trials/0011.html', '知ったときから15日以内。各号の区分は条文未確認'),
('sae_guideline_serious', 90, 'sae_report', 'adverse_event', 'interventional,observational', 'death,life_threatening,serious', NULL, NULL, 3, 'day', 0, 0, 0,
 '重篤な有害事象の報告（指針）', 'Serious adverse event report (guidelines)',
 '人を対象とする生命科学・医学系研究に関する倫理指針 第15の2(3)', 'https://www.mhlw.go.jp/stf/seisakunitsuite/bunya/hokabunya/kenkyujigyou/i-kenkyu/index.html', '指針は「速やかに」。3日はセンターの運用値'),
('periodic_report_crb', 100, 'periodic_report', 'plan_submitted', 'specified_clinical', '', NULL, NULL, 2, 'month', 1, 12, 0,
 '定期報告（認定臨床研究審査委員会）', 'Periodic report to the certified review board',
 '臨床研究法施行規則 第59条', 'https://laws.e-gov.go.jp/law/430M60000100017', '実施計画の提出日（jRCT公表日）から起算して1年ごと、その期間満了後2月以内。条文未確認（大学CRB資料による）'),
('progress_report_guideline', 110, 'periodic_report', 'approval', 'interventional,observational', '', NULL, NULL, 1, 'month', 1, 12, 0,
 '研究の進捗状況の報告（指針）', 'Progress report (guidelines)',
 '人を対象とする生命科学・医学系研究に関する倫理指針 第11の2', 'https://www.mhlw.go.jp/stf/seisakunitsuite/bunya/hokabunya/kenkyujigyou/i-kenkyu/index.html', '指針は研究計画書の定めによる。承認日から1年ごと、満了後1月以内はセンターの運用値'),
('jrct_registration', 120, 'jrct_registration', 'before_start', 'specified_clinical', '', NULL, NULL, 0, 'day', 0, 0, 0,
 'jRCTへの実施計画の提出（研究開始前）', 'Implementation plan on jRCT (before the study starts)',
 '臨床研究法 第5条第1項', 'https://laws.e-gov.go.jp/law/429AC0000000016', '実施計画を厚生労働大臣に提出してから開始する。期限は開始予定日の前日'),
('final_report_crb', 130, 'final_report', 'data_collection_end', 'specified_clinical', '', NULL, NULL, 1, 'year', 0, 0, 0,
 '総括報告書の提出', 'Final report (clinical study report)',
 '臨床研究法施行規則 第24条', 'https://laws.e-gov.go.jp/law/430M60000100017', '全ての評価項目のデータ収集期間が終了した日から原則1年以内。条文未確認（大学CRB資料による）'),
('end_report_guideline', 140, 'final_report', 'data_collection_end', 'interventional,observational', '', NULL, NULL, 3, 'month', 0, 0, 0,
 '研究終了の報告（指針）', 'End-of-study report (guidelines)',
 '人を対象とする生命科学・医学系研究に関する倫理指針 第6の6(1)', 'https://www.mhlw.go.jp/stf/seisakunitsuite/bunya/hokabunya/kenkyujigyou/i-kenkyu/index.html', '指針は「遅滞なく」。3か月はセンターの運用値'),
('approval_renewal', 150, 'approval_renewal', 'approval_expiry', 'observational,interventional,specified_clinical,clinical_trial', '', NULL, NULL, 0, 'day', 0, 0, 0,
 '承認期間の満了（継続審査）', 'Approval expires (continuing review)',
 '各委員会の規程（承認の有効期間）', '', '委員会が承認の有効期間を定める場合、満了日までに継続審査を受ける');
