# taskdeck - SPDX-License-Identifier: ISC
# bash completion for taskdeck(1): commands, their flags, setting keys,
# and reminder ids (shown with their names when more than one matches).
# Everything is read from taskdeck itself (--help, CMD --help, config
# list, list --all), so new commands and flags complete without a change
# here.  Installed by `make install` into bash-completion's directory.

# The reminders as "ID<TAB>NAME" lines, from the plain `list --all`.
_taskdeck_ids()
{
	"${1:-taskdeck}" list --all 2>/dev/null |
	    sed -n 's/^ *\([0-9][0-9]*\) \[.\] . \(.*\)$/\1	\2/p' |
	    sed 's/  .*$//'
}

_taskdeck()
{
	local cur prev cmd i word ids n
	local td=${COMP_WORDS[0]}

	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	cmd=
	for ((i = 1; i < COMP_CWORD; i++)); do
		word=${COMP_WORDS[i]}
		case $word in
		--db|--config) ((i++)) ;;
		-*) ;;
		*) cmd=$word; break ;;
		esac
	done

	case $prev in
	--db|--config|--seed)
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--due)
		COMPREPLY=($(compgen -W "today tomorrow none +1d +3d +7d" -- "$cur"))
		return ;;
	--priority)
		COMPREPLY=($(compgen -W "normal high" -- "$cur")); return ;;
	esac

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--db --config --no-ui --help --version" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$("$td" --help 2>/dev/null |
			    sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')" -- "$cur"))
		fi
		return
	fi

	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$("$td" "$cmd" --help 2>&1 |
		    grep -o -- '--[a-z][a-z-]*' | sort -u)" -- "$cur"))
		return
	fi

	case $cmd in
	config)
		if [[ $prev == get || $prev == set ]]; then
			COMPREPLY=($(compgen -W "$("$td" config list 2>/dev/null |
			    sed 's/ = .*//')" -- "$cur"))
		elif [[ $prev == config ]]; then
			COMPREPLY=($(compgen -W "get set list" -- "$cur"))
		fi
		return ;;
	sync)
		return ;;
	done|reopen|edit|rm|show|push|snooze)
		# Reminder ids; with several matches, each is shown with its
		# name (nothing is inserted until one id is left).
		ids=$(_taskdeck_ids "$td" | grep "^$cur")
		n=$(printf '%s\n' "$ids" | grep -c .)
		if [[ $n -eq 1 ]]; then
			COMPREPLY=("${ids%%	*}")
		elif [[ $n -gt 1 ]]; then
			local IFS=$'\n'
			COMPREPLY=($(printf '%s\n' "$ids" | sed 's/	/  /'))
		fi
		return ;;
	esac
}
complete -F _taskdeck taskdeck
