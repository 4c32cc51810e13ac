purge = false
