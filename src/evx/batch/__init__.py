"""Batch runs: planning tasks from the inputs (:mod:`.tasks`), the engines that run them in order
(:mod:`.engines`: local processes or Dask) and the runner that streams rows to the record files with
a resumable ledger (:mod:`.runner`)."""
