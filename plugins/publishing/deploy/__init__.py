"""Put the production build online, atomically, and switch back on demand.

`make deploy` builds with `make publish`, then hands output/ to `python -m
plugins.publishing.deploy deploy`; `make rollback` puts the previous version back online.
The host is named by one environment variable, COOPSOC_DEPLOY (target.py):

- ssh://user@host:port/path: each build goes to path/releases/<stamp>/ with rsync,
  unchanged files hard-linked to the release online, then one symlink switch of
  path/current (ssh.py);
- sftp://, ftps:// (ftp:// only with COOPSOC_DEPLOY_FTP_EN_CLAIR=1): lftp mirrors the
  build into path.next, then renames swap it with path, the old one kept as path.prev
  (ftp.py).

After the switch, pages fetched from the public address must equal the build, or the
previous version is put back (check.py). Every failure is explained in French (errors.py).
"""
