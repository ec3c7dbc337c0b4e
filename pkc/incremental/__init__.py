"""Incremental builds (`pkc build --cache DIR`): record what each output read, reuse what did not change.

tracking: the reads of each output, recorded through a tracked catalog. fingerprints: the hashes they are
compared by. store: the cache directory. session: one cached build.
"""
