#!/bin/sh
# Makes the real env files of docker-compose.yml from the committed *.env.example files:
# every change-me-<name> token becomes one random value, the same in every file naming it
# (so the postgres password in postgres.env matches the one inside each *_DATABASE_URL).
# An existing .env file is never overwritten: delete it first to make it anew.
#
#   sh deploy/env/init.sh            # from the repo root, before the first `docker compose up`
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
umask 077                                    # the files hold secrets: owner only

random() { od -An -tx1 -N24 /dev/urandom | tr -d ' \n'; }

# The value a token already has: a line KEY=<token> of an example whose env file exists.
existing() {
    for example in "$dir"/*.env.example; do
        [ -e "${example%.example}" ] || continue
        key=$(grep -E "^[A-Z0-9_]+=$1\$" "$example" | head -n 1 | cut -d= -f1)
        [ -n "$key" ] || continue
        value=$(grep -E "^$key=" "${example%.example}" | head -n 1 | cut -d= -f2-)
        [ -n "$value" ] && { echo "$value"; return; }
    done
}

tokens=$(cat "$dir"/*.env.example | grep -o 'change-me-[a-z0-9][a-z0-9]*' | sort -u)
script=""
for token in $tokens; do
    value=$(existing "$token")
    script="${script}s|${token}|${value:-$(random)}|g;"
done

for example in "$dir"/*.env.example; do
    target="${example%.example}"
    if [ -e "$target" ]; then
        echo "kept    ${target#"$dir"/} (exists)"
        continue
    fi
    sed "$script" "$example" > "$target"
    echo "made    ${target#"$dir"/}"
done
