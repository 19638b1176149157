def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def error = lib.log().readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error.contains('app: terraform validate failed')
assert error.contains('main.tf:2') && error.contains('Reference to undeclared input variable')
// checked before building: the module never got a commit image
def prefix = new File(basedir, 'prefix.txt').text.trim()
assert !lib.tagExists('127.0.0.1:5000', "${prefix}/app", lib.git('rev-parse', 'HEAD'))
return true
