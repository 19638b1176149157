def log = new File(basedir, 'build.log').text
assert log.contains('on project monorepo: azbuild.mode=fast is not a mode; use content (hash of inputs) or diff (changed files since base)')
assert !new File(basedir, 'target/azbuild/plan.json').exists()
return true
