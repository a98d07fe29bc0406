# Writes OUT: a C++ file defining renkei::exchange::NAME, the text of FILE.
file(READ ${FILE} content)
file(WRITE ${OUT} "namespace renkei::exchange {\nextern const char* const ${NAME};\nconst char* const ${NAME} = R\"renkei_text(${content})renkei_text\";\n}\n")
