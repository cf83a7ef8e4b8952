# bash completion for ldrest and oas2c (installed under both names), and for
# any NAME-cli of oas2c_add_binding: `complete -o default -F _ldrest NAME-cli`.
# Commands, options and operation ids are read from the program's own
# --help, so they match the installed version; file names otherwise.

# The options `PROGRAM [COMMAND] --help` shows (--name, -x).
_ldrest_help_options() {
    "$@" --help 2>/dev/null | grep -oE -- '(^|[[ ,|])--?[A-Za-z][A-Za-z0-9-]*' |
        grep -oE -- '--?[A-Za-z][A-Za-z0-9-]*' | sort -u
}

# The commands of `PROGRAM --help`, and the operation ids of `PROGRAM call --help`.
_ldrest_commands() {
    "$1" --help 2>/dev/null | sed -n '/^Commands:/,/^$/ s/^  \([a-z][a-z-]*\) .*/\1/p'
}
_ldrest_operations() {
    "$1" call --help 2>/dev/null | sed -n '/^Operations:/,$ s/^  \([^ ]*\) .*/\1/p'
}

_ldrest() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]} prog=${COMP_WORDS[0]}
    COMPREPLY=()
    if ((COMP_CWORD == 1)) && [[ $cur != -* ]]; then
        COMPREPLY=($(compgen -W "$(_ldrest_commands "$prog")" -- "$cur"))
        return
    fi
    local cmd=${COMP_WORDS[1]}
    case $cmd/$prev in
    call/call | validate/--operation | validate/-o)
        COMPREPLY=($(compgen -W "$(_ldrest_operations "$prog")" -- "$cur"))
        return
        ;;
    esac
    if [[ $cur == -* ]]; then
        if ((COMP_CWORD == 1)); then
            COMPREPLY=($(compgen -W "$(_ldrest_help_options "$prog")" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$(_ldrest_help_options "$prog" "$cmd")" -- "$cur"))
        fi
    fi
}

_oas2c() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    COMPREPLY=()
    case $prev in
    -o | --output) COMPREPLY=($(compgen -d -- "$cur")) ;;
    -p | --prefix | --parts) ;;
    *) [[ $cur == -* ]] && COMPREPLY=($(compgen -W "$(_ldrest_help_options "${COMP_WORDS[0]}")" -- "$cur")) ;;
    esac
}

# -o default: where nothing above applies (FILE, SPEC, --overlay FILE),
# file names.
complete -o default -F _ldrest ldrest
complete -o default -F _oas2c oas2c
