# Sourced by the CI scripts that install from PyPI. A registry that drops a
# connection mid-download (CI once failed on a maturin wheel cut off at 2.1
# of 10.8 MB, six resumes in a row) should cost a retry, not the run: pip
# retries each request and resumes cut downloads, and `pip_retry` runs the
# whole command again, up to three times, with a pause between attempts.
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
export PIP_RETRIES="${PIP_RETRIES:-10}" PIP_RESUME_RETRIES="${PIP_RESUME_RETRIES:-20}"

# pip_retry PIP ARGS...: `PIP ARGS...` with stdin from /dev/null, run again
# (at most three times in all) when it fails.
pip_retry() {
    local attempt
    for attempt in 1 2 3; do
        if "$@" </dev/null; then
            return 0
        fi
        if [ "$attempt" -lt 3 ]; then
            echo "(pip failed, attempt $attempt of 3; again in $((attempt * 10)) s)" >&2
            sleep $((attempt * 10))
        fi
    done
    echo "error: $* failed three times" >&2
    return 1
}
