def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def localRepo = new File(localRepositoryPath.toString())
def jar = new File(localRepo, 'dev/azbuild/it/ext/ext-lib/1.0-SNAPSHOT/ext-lib-1.0-SNAPSHOT.jar')
int runs = 0

def hashes = { lib.json('target/azbuild/plan.json').modules.collectEntries { [it.image, it.inputHash] } }
def plan = {
  String log = "plan-${++runs}.log"
  assert lib.mvn(localRepo, log, 'plan') == 0 : new File(basedir, log).text
  return hashes()
}
def changed = { before, after -> before.keySet().findAll { before[it] != after[it] } as Set }

def first = hashes()
assert first.keySet() == ['svc-a', 'svc-b'] as Set : first
def inputs = new File(basedir, 'target/azbuild/inputs.txt').readLines()
// each input named with its kind; the jar-only contexts do not hide the sources
assert inputs.contains('svc-a source ' + lib.git('ls-files', '-s', 'svc-a/src/main/java/a/Main.java').split(/\s+/)[0..1].join(' ') + ' src/main/java/a/Main.java')
assert inputs.any { it.startsWith('svc-b source ') && it.endsWith(' src/main/java/b/Main.java') }
assert inputs.any { it.startsWith('svc-a dependency-source ') && it.endsWith(' lib/src/main/java/lib/Greeter.java') }
assert inputs.any { it.startsWith('svc-a pom ') && it.endsWith(' pom.xml') }
assert inputs.any { it.startsWith('svc-a mvn-config ') && it.endsWith(' .mvn/jvm.config') }
assert inputs.contains('svc-a dependency com.example:json-thing:jar::1.0.0:compile')
assert inputs.any { it.startsWith('svc-a plugin org.apache.maven.plugins:maven-compiler-plugin:') }
assert inputs.any { it ==~ /svc-b snapshot dev\.azbuild\.it\.ext:ext-lib:jar::1\.0-SNAPSHOT sha256:[0-9a-f]{64}/ }
assert inputs.count { it.startsWith('svc-b ') && it.endsWith(' Dockerfile') } == 1 : 'the Dockerfile is listed once'

// a service's source: that service only
lib.write('svc-a/src/main/java/a/Main.java', 'package a;\npublic class Main { public static void main(String[] x) { System.out.println("a"); } }\n')
lib.commit('svc-a: print a')
def afterService = plan()
assert changed(first, afterService) == ['svc-a'] as Set

// the library both depend on: both
lib.write('lib/src/main/java/lib/Greeter.java', 'package lib;\npublic class Greeter { public static String hi() { return "hello"; } }\n')
lib.commit('lib: hello')
def afterLib = plan()
assert changed(afterService, afterLib) == ['svc-a', 'svc-b'] as Set

// a dependency version property of the root pom: both
lib.write('pom.xml', new File(basedir, 'pom.xml').text.replace('<json.version>1.0.0</json.version>', '<json.version>1.0.1</json.version>'))
lib.commit('json-thing 1.0.1')
def afterProperty = plan()
assert changed(afterLib, afterProperty) == ['svc-a', 'svc-b'] as Set
assert new File(basedir, 'target/azbuild/inputs.txt').readLines().contains('svc-b dependency com.example:json-thing:jar::1.0.1:compile')

// build output and other git-ignored files: none
lib.write('svc-a/target/svc-a-1.jar', 'a jar\n')
lib.write('lib/target/classes/lib/Greeter.class', 'bytes\n')
lib.write('svc-b/build.log', 'ignored\n')
assert lib.git('status', '--porcelain') == ''
def afterIgnored = plan()
assert changed(afterProperty, afterIgnored).isEmpty()

// the outside SNAPSHOT counts by its bytes: both (lib depends on it)
jar.bytes = 'ext-lib build 2'.bytes
def afterSnapshot = plan()
assert changed(afterIgnored, afterSnapshot) == ['svc-a', 'svc-b'] as Set

// a SNAPSHOT that cannot be resolved: one line naming the module, the dependency and the fix
jar.delete()
String log = "plan-${++runs}.log"
assert lib.mvn(localRepo, log, 'plan') != 0
def error = new File(basedir, log).readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null : new File(basedir, log).text
assert error.contains('lib: SNAPSHOT dependency dev.azbuild.it.ext:ext-lib:jar::1.0-SNAPSHOT cannot be resolved (') : error
assert error.contains('run mvn install in its project (or deploy it)') : error
return true
