def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def lines = lib.log().readLines()
def error = lines.find { it.startsWith('[ERROR] Failed to execute goal') }
assert error.endsWith('1 file would be overwritten (services/web/pom.xml); nothing was written: rerun with -Dazbuild.force to overwrite -> [Help 1]')
assert !lines.subList(0, lines.indexOf(error)).any { it.startsWith('[INFO] wrote') }
// the second run (forced) wrote the reactor and said which file it replaced
assert lines.contains('[INFO] overwrote services/web/pom.xml')
assert lines.contains('[INFO] wrote pom.xml')
assert new File(basedir, 'services/web/pom.xml').text.contains('<artifactId>web</artifactId>')
assert new File(basedir, 'pom.xml').text.contains('<module>services/web</module>')
return true
