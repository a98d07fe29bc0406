#!/usr/bin/env bash
# Installs what Renkei needs on Debian 12 and is missing; a no-op when everything is there.
set -euo pipefail
packages=(
  build-essential cmake ninja-build ccache pkg-config
  libboost1.81-all-dev libboost-json1.81-dev libsoci-dev libsqlite3-dev libpq-dev
  libsodium-dev libspdlog-dev libcli11-dev libicu-dev
  libmecab-dev mecab-ipadic-utf8 libxapian-dev edict
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql-15 nginx-light wrk chromium fonts-ipafont-gothic python3 python3-icalendar
  nodejs npm
  libzip-dev libreoffice-writer-nogui libreoffice-calc-nogui  # .docx and .xlsx opened in the tests
  libxlsxwriter-dev  # ethics: the COI forms 様式A–E
  clang-14 libclang-rt-14-dev  # scripts/fuzz.sh: libFuzzer with ASan and UBSan
  clang-format-14 clang-tidy-14  # scripts/format-check.sh, scripts/tidy.sh
  sqlmap python3-yaml
  libcurl4-openssl-dev python3-aiosmtpd  # mail: SMTP through libcurl; the tests' SMTP sink
  glpk-utils  # bench/assignment: glpsol checks the open call's assignment and selection against GLPK's optimum
  unzip  # the API tests read the text of the .xlsx exports (tests/api/harness.cpp: XlsxStrings)
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# nodejs/npm may come from elsewhere (nvm, NodeSource): a working node and npm are enough.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
if ((${#missing[@]})); then
  echo "==> installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y -q "${missing[@]}" >/dev/null || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q "${missing[@]}" >/dev/null; }
fi
