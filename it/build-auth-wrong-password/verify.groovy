def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def log = lib.log()
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null
assert error.contains('401') && error.contains('127.0.0.1:5002') && error.contains('docker-config.json')
assert !log.contains('not-the-Pa55word-xyz')
assert !log.contains('azbuild:not-the-Pa55word-xyz'.bytes.encodeBase64().toString())
return true
