def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def report = lib.json('target/azbuild/build.json')
assert report.modules*.action == ['built', 'built']
report.modules.each { assert it.digest ==~ /sha256:[0-9a-f]{64}/ }
def password = new File(System.getProperty('user.home'), '.azbuild/services/auth/password').text.trim()
assert !lib.log().contains(password)
return true
