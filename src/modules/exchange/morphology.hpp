// English morphology for matching medical text across registers and languages, as general rules
// rather than a list of topics:
//
//   * British → American spelling (haemorrhage → hemorrhage, oesophagus → esophagus,
//     tumour → tumor, centre → center, sterilise → sterilize, analyse → analyze), applied to
//     every English word before stemming so both spellings index as one;
//   * noun/adjective pairs by suffix (cirrhotic → cirrhosis, septic → sepsis, anaemic → anemia,
//     allergic → allergy, bacterial → bacteria, viral → virus, muscular → muscle, urinary →
//     urine, capsular → capsule, epithelial → epithelium) and Greek suffixes that name what is
//     done to a part (prostatectomy → prostate + remove, gastritis → stomach + inflammation);
//   * Latin and Greek roots to the plain English word EDICT glosses Japanese with (renal →
//     kidney, hepatic → liver, venous → vein, pulmonary → lung, cutaneous → skin), also inside
//     compounds (intravenous, nephrotoxicity, hepatocellular).
//   * loanwords: a consonant skeleton that an English word and the romanised katakana of the
//     same word share (clarithromycin / クラリスロマイシン kurarisuromaishin → krsrmsn), for
//     drug and product names that EDICT does not list.
//
// Words are lower-case ASCII; the results are words (not stems) for the caller to stem.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace renkei::exchange {

// The American spelling of a lower-case English word (the word itself when no rule applies).
std::string AmericanSpelling(std::string_view word);

// Words related to `word` by derivation (noun ↔ adjective, Greek suffixes) or by a Latin/Greek
// root that has a plain English equivalent; without `word` itself, distinct, in rule order.
// `word` is lower case and already in American spelling.
std::vector<std::string> DerivedWords(std::string_view word);

// The loanword keys of a lower-case English word (usually a stem): its consonant skeleton in
// the classes katakana keeps apart (b/v, r/l, s/z/soft c, ...), vowels and doubled consonants
// dropped; "th" gives one key as t (カテーテル) and one as s (クラリスロマイシン). Keys shorter than
// four consonants are left out (too many words share them).
std::vector<std::string> EnglishLoanwordKeys(std::string_view word);
// The loanword key of katakana romanised by ICU's Katakana-Latin (kurarisuromaishin), or "".
std::string RomajiLoanwordKey(std::string_view romaji);

}  // namespace renkei::exchange
