def log = new File(basedir, 'build.log').text
assert log.contains('on project mini: azbuild.pull=sometimes is not known; use always (the default), missing (pull only what the Docker daemon lacks) or never')
assert log.contains("on project mini: azbuild.namespace=Team/CI is not a valid name: use lower-case letters and digits, separated by '.', '_' or '-' (at most 64 characters), e.g. -Dazbuild.namespace=shop-ci")
assert !log.contains('image built')
assert !new File(basedir, 'target/azbuild/build.json').exists()
return true
