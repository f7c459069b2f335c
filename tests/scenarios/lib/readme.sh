# shellcheck shell=bash
# readme.sh: sourced after lib.sh by the scenarios that prove a file the
# README shows, taken from README.md itself so that the two cannot drift.
#
#   readme_file PATH   prints the file README.md shows as an indented block
#                      whose first line is "# PATH" (or "# PATH: comment"),
#                      that line included, the indentation removed; the file
#                      ends at the next such line or at the next line of
#                      prose. No such file: the scenario stops (lib_die).

readme_file() { # PATH
	local text
	# shellcheck disable=SC2016 # awk's own $2, not the shell's
	text=$(awk -v path="$1" '
		/^    # \// { header = $2; sub(/:$/, "", header); taking = (header == path) }
		/^[^ ]/ { taking = 0 }
		taking { sub(/^    /, ""); print }
	' "$REPO/README.md")
	[[ -n $text ]] || lib_die "README.md shows no file $1 (an indented block starting '# $1')"
	printf '%s\n' "$text"
}
