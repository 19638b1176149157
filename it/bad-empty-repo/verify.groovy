def log = new File(basedir, 'build.log').text
def root = basedir.canonicalFile.toPath().toRealPath()
assert log.contains("on project monorepo: ${root} has no commit yet (HEAD names the branch main, which does not exist until its first commit); commit the files first (git add -A && git commit -m 'first commit'): azbuild plans, tags and deploys commits -> [Help 1]")
assert !log.contains('HEAD=HEAD')
assert !new File(basedir, 'target/azbuild/plan.json').exists()
return true
