-- An organisation's reading (name_kana), like a person's: full-width katakana, may be empty. It
-- lets a company typed in kana on a COI declaration (ｼﾅﾉﾏﾁﾒﾃﾞｨﾃｯｸ) meet the registered
-- organisation written in kanji (信濃町メディテック株式会社).
ALTER TABLE organisations ADD COLUMN name_kana TEXT NOT NULL DEFAULT '';
