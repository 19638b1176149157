def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def prefix = new File(basedir, 'prefix.txt').text.trim()
def commit = lib.git('rev-parse', 'HEAD')
def log = lib.log()
// first run: repositories created and the default policy applied once each
assert log.contains("base: repository created, lifecycle policy updated (default policy)")
assert log.contains("app: repository created, lifecycle policy updated (default policy)")
// second run (ensure-repo): nothing to change
assert log =~ /123456789012\.dkr\.ecr\.us-east-2\.amazonaws\.com\/${prefix}.*\/base: exists, policy unchanged/
assert log =~ /\/app: exists, policy unchanged/
def report = lib.json('target/azbuild/build.json')
assert report.modules*.action == ['built', 'built']
assert lib.tagExists('127.0.0.1:5000', "${prefix}/app", commit)
return true
