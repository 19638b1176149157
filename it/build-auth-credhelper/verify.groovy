def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def report = lib.json('target/azbuild/build.json')
assert report.modules*.action == ['built', 'built']
assert new File(basedir, 'helper-calls.txt').readLines().contains('127.0.0.1:5002')
def password = new File(System.getProperty('user.home'), '.azbuild/services/auth/password').text.trim()
assert !lib.log().contains(password)
return true
