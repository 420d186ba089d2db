#!/usr/bin/env bash
# Create the venv with Python 3.10 (Rasa 3.6 needs it): python3.10 on PATH, else pyenv's.
set -euo pipefail
venv=${1:-.venv}
[ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' && exit 0
python=""
if command -v python3.10 >/dev/null 2>&1 && python3.10 -c 'import sys' >/dev/null 2>&1; then
  python=$(command -v python3.10)
elif command -v pyenv >/dev/null 2>&1 || [ -d "${PYENV_ROOT:-$HOME/.pyenv}" ]; then
  root=$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")
  python=$(ls -d "$root"/versions/3.10*/bin/python3.10 2>/dev/null | sort -V | tail -n 1 || true)
fi
if [ -z "$python" ]; then
  echo "This project needs Python 3.10 (Rasa 3.6 runs on nothing newer)." >&2
  echo "Install it (for example 'pyenv install 3.10' or your system's python3.10 package) and run make again." >&2
  exit 1
fi
echo "Creating $venv with $python"
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade "pip<25"
