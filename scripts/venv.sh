# Sourced by the scripts that build a pinned Python virtualenv
# (scripts/oracle_venv.sh, bench/setup-peers.sh, bench/setup-recommend-peers.sh).
#
#   venv_init REQUIREMENTS VENV   sets $req, $venv, $stamp and $want
#   venv_fresh                    true when $venv was built from $req as it is now
#   venv_done                     records $want and prints the venv's python

cache="${CACHE:-$HOME/.cache/merchant-insights}"

venv_init() {
  req="$1"
  venv="$2"
  stamp="$venv/.$(basename "$req" .txt).sha256"
  want="$(sha256sum "$req" | cut -d' ' -f1)"
}

venv_fresh() {
  [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]
}

venv_done() {
  echo "$want" >"$stamp"
  echo "$venv/bin/python"
}
