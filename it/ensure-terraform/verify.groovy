def log = new File(basedir, 'build.log').text
assert log.contains('terraform 1.11.4: /usr/local/bin/terraform')
return true
