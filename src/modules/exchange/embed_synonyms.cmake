# Writes OUT: a C++ file defining renkei::exchange::kShippedSynonyms, the concatenated *.tsv of DIR.
file(GLOB files ${DIR}/*.tsv)
list(SORT files)
set(content "")
foreach(f ${files})
  file(READ ${f} text)
  string(APPEND content "${text}\n")
endforeach()
file(WRITE ${OUT} "namespace renkei::exchange {\nextern const char* const kShippedSynonyms;\nconst char* const kShippedSynonyms = R\"renkei_tsv(${content})renkei_tsv\";\n}\n")
