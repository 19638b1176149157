// azbuild:help is the HelpMojo generated from the mojos' annotations and javadoc
def log = new File(basedir, 'build.log').text
// the runs with older Mavens (profiles older-maven, debian-maven) name the one they expect
if (binding.hasVariable('itMaven')) {
  assert log =~ "Apache Maven ${java.util.regex.Pattern.quote(itMaven)}(?![.0-9])" : "not run by Maven ${itMaven}: ${log.readLines().take(3)}"
}
assert log.contains('azbuild:build')
// -Ddetail -Dgoal=build: the build goal's own parameters and the inherited ones, with their properties and defaults
assert log.contains('skipPush (Default: false)')
assert log.contains('User property: azbuild.skipPush')
assert log.contains('Build locally only: no push and no registry re-tag')
assert log.contains('User property: azbuild.cacheRegistry')
assert log.contains('User property: azbuild.mode')
// without -Dgoal: every goal of the plugin is listed
['build', 'changed', 'check-rebuild', 'ci-config', 'deploy', 'ensure-repo', 'ensure-terraform', 'graph', 'help', 'image-exists', 'import-manifest', 'plan', 'setenv'].each {
  assert log.contains("azbuild:${it}\n") || log.contains("azbuild:${it}\r\n") : "azbuild:${it} not listed by azbuild:help"
}
return true
