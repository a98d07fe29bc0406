#!/usr/bin/env bash
# Fails when an include breaks the layering of DESIGN.md: platform/ knows nothing of modules/
# or app/, and a module may include another module only through its service.hpp.
set -u
src=$1
bad=0
if grep -rn --include='*.hpp' --include='*.cpp' -E '#include "(modules|app)/' "$src/platform"; then
  echo "platform/ must not include modules/ or app/"; bad=1
fi
for dir in "$src"/modules/*/; do
  mod=$(basename "$dir")
  while IFS= read -r line; do
    file=${line%%:*}
    inc=$(echo "$line" | sed -E 's/.*#include "modules\/([^"]+)".*/\1/')
    other=${inc%%/*}
    [ "$other" = "$mod" ] && continue
    case "$inc" in */service.hpp|*/model.hpp) ;; *) echo "$file includes modules/$inc (only another module's service.hpp)"; bad=1 ;; esac
  done < <(grep -rn -E '#include "modules/' "$dir" || true)
done
# A service, its model and its store know nothing of HTTP: only routes files include platform/http/.
if grep -n -E '#include "platform/http/' "$src"/modules/*/{service,model,store,internal}.hpp 2>/dev/null; then
  echo "a module's service, model, store and internal headers must not include platform/http/ (routes only)"; bad=1
fi
exit $bad
