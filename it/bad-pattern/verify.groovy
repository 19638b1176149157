def log = new File(basedir, 'build.log').text
assert log =~ /on project monorepo: services\/web\/\.rebuild_patterns:3: invalid pattern '\^libs\/\(base'/
assert !new File(basedir, 'target/azbuild/plan.json').exists()
return true
