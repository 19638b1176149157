def error = new File(basedir, 'build.log').readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error.contains('app/pom.xml: azbuild.dockerfile=docker/Dockerfile.prod does not exist')
assert error.contains('fix the path')
return true
