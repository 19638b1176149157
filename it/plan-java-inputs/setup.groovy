// Content mode on a Java monorepo whose Dockerfiles copy only the built jar: a service's source, a library it depends on, a root-pom version property and a SNAPSHOT dependency's bytes change the hash; git-ignored build output does not.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)

def module = { String name, String deps, String props ->
  lib.write("${name}/pom.xml", """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent><groupId>dev.azbuild.it.java</groupId><artifactId>root</artifactId><version>1</version></parent>
  <artifactId>${name}</artifactId>
  <properties>${props}</properties>
  <dependencies>${deps}</dependencies>
</project>
""")
}
lib.write('pom.xml', '''<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.azbuild.it.java</groupId><artifactId>root</artifactId><version>1</version><packaging>pom</packaging>
  <modules><module>lib</module><module>svc-a</module><module>svc-b</module></modules>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <json.version>1.0.0</json.version>
  </properties>
  <dependencyManagement><dependencies>
    <dependency><groupId>com.example</groupId><artifactId>json-thing</artifactId><version>${json.version}</version></dependency>
  </dependencies></dependencyManagement>
</project>
''')
module('lib', '''
    <dependency><groupId>com.example</groupId><artifactId>json-thing</artifactId></dependency>
    <dependency><groupId>dev.azbuild.it.ext</groupId><artifactId>ext-lib</artifactId><version>1.0-SNAPSHOT</version></dependency>''', '')
def libDep = '<dependency><groupId>dev.azbuild.it.java</groupId><artifactId>lib</artifactId><version>1</version></dependency>'
module('svc-a', libDep, '<azbuild.context>target</azbuild.context>')   // the context is the build output
module('svc-b', libDep, '')
lib.write('lib/src/main/java/lib/Greeter.java', 'package lib;\npublic class Greeter { public static String hi() { return "hi"; } }\n')
lib.write('svc-a/src/main/java/a/Main.java', 'package a;\npublic class Main { public static void main(String[] x) { System.out.println(lib.Greeter.hi()); } }\n')
lib.write('svc-b/src/main/java/b/Main.java', 'package b;\npublic class Main { public static void main(String[] x) { System.out.println(lib.Greeter.hi()); } }\n')
lib.write('svc-a/Dockerfile', 'FROM 127.0.0.1:5000/base/busybox:1\nCOPY *.jar /app/\n')
lib.write('svc-b/Dockerfile', 'FROM 127.0.0.1:5000/base/busybox:1\nCOPY target/*.jar /app/\n')
lib.write('svc-b/.dockerignore', '*\n!target/*.jar\n')   // only the jar goes to docker
lib.write('.gitignore', 'target/\n*.log\n')
lib.write('.mvn/jvm.config', '-Xmx512m\n')
lib.git('init', '-q')
lib.commit('java monorepo')

// an outside SNAPSHOT dependency, as `mvn install` of another project would leave it in the local repository
def snapshotDir = new File(localRepositoryPath.toString(), 'dev/azbuild/it/ext/ext-lib/1.0-SNAPSHOT')
snapshotDir.mkdirs()
new File(snapshotDir, 'ext-lib-1.0-SNAPSHOT.pom').text = '''<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.azbuild.it.ext</groupId><artifactId>ext-lib</artifactId><version>1.0-SNAPSHOT</version>
</project>
'''
new File(snapshotDir, 'ext-lib-1.0-SNAPSHOT.jar').bytes = 'ext-lib build 1'.bytes
return true
