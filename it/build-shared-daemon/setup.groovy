// Two repositories whose services build FROM libs-base, each its own base, built concurrently on one daemon: no service image ever sits on the other repository's base.
def lib = evaluate(new File(itLib, 'common.groovy'))(basedir, examplesDir)
def stamp = lib.uniquePrefix('shared')
new File(basedir, 'prefix.txt').text = stamp
def services = ['s1', 's2', 's3']
['one', 'two'].each { name ->
  def repo = lib.at(name)
  repo.basedir.mkdirs()
  def version = repo.pluginVersion()
  // the same coordinates in both, as two forks of one monorepo would have
  repo.write('pom.xml', """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.azbuild.it</groupId><artifactId>shop</artifactId><version>1</version><packaging>pom</packaging>
  <modules><module>libs/base</module>${services.collect { "<module>services/${it}</module>" }.join('')}</modules>
  <build><plugins><plugin>
    <groupId>dev.azbuild</groupId><artifactId>azbuild-maven-plugin</artifactId><version>${version}</version>
  </plugin></plugins></build>
</project>
""")
  repo.write('libs/base/pom.xml', """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent><groupId>dev.azbuild.it</groupId><artifactId>shop</artifactId><version>1</version><relativePath>../../pom.xml</relativePath></parent>
  <artifactId>libs-base</artifactId><packaging>pom</packaging>
</project>
""")
  repo.write('libs/base/Dockerfile', """FROM 127.0.0.1:5000/base/busybox:1
COPY VERSION /etc/base-version
RUN echo "repository ${name}: \$(cat /etc/base-version)" > /etc/base.txt
""")
  repo.write('libs/base/VERSION', "${name}-0\n")
  services.each { s ->
    repo.write("services/${s}/pom.xml", """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent><groupId>dev.azbuild.it</groupId><artifactId>shop</artifactId><version>1</version><relativePath>../../pom.xml</relativePath></parent>
  <artifactId>${s}</artifactId><packaging>pom</packaging>
  <dependencies><dependency><groupId>dev.azbuild.it</groupId><artifactId>libs-base</artifactId><version>1</version><type>pom</type></dependency></dependencies>
</project>
""")
    repo.write("services/${s}/Dockerfile", "FROM libs-base\nCOPY app.txt /srv/${s}.txt\n")
    repo.write("services/${s}/app.txt", "${name} ${s}\n")
  }
  repo.git('init', '-q')
  repo.commit('shop monorepo')
  // different registry prefixes, as two projects on one CI runner have
  repo.useRegistry("127.0.0.1:5000/${stamp}-${name}")
}
return true
