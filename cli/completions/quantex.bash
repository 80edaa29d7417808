# bash completion for quantex (installed as share/bash-completion/completions/quantex).
_quantex() {
  local cur prev words cword
  _init_completion || return
  local options="-h --help -V --version -f --format -r --rules -a --add-rules -k --kind --tag
    --context --fields --no-header --bom -j --threads --follow --hidden --glob --encoding
    --binary --input --text-field --id-field --first-line -q --quiet --stats"
  local commands="extract rules explain view number"
  case "$prev" in
    -f | --format) COMPREPLY=($(compgen -W "jsonl tsv csv" -- "$cur")); return ;;
    --input) COMPREPLY=($(compgen -W "text jsonl" -- "$cur")); return ;;
    -k | --kind) COMPREPLY=($(compgen -W "time_limit percentage money count" -- "$cur")); return ;;
    --fields)
      COMPREPLY=($(compgen -W "doc line col start end rule kind text value unit op from min max
        subject change target tags context" -- "$cur"))
      return ;;
    -r | --rules | -a | --add-rules) _filedir toml; _filedir -d; return ;;
    -j | --threads | --tag | --glob | --encoding | --text-field | --id-field | --first-line) return ;;
    rules) COMPREPLY=($(compgen -W "list check test dump" -- "$cur")); return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$options --patterns" -- "$cur"))
  elif ((cword == 1)); then
    COMPREPLY=($(compgen -W "$commands" -- "$cur"))
    _filedir
  else
    _filedir
  fi
}
complete -F _quantex quantex
