// Validates JUnit XML against the Jenkins xUnit plugin's JUnit schema (vendored in fixtures/), with
// xmllint compiled to WebAssembly: the check a CI server's JUnit reader makes.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { validateXML } from 'xmllint-wasm'

const SCHEMA = fileURLToPath(new URL('./fixtures/junit-10.xsd', import.meta.url))

export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const schema = await readFile(SCHEMA, 'utf8')
  const result = await validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    schema: [{ fileName: 'junit-10.xsd', contents: schema }],
  })
  return result.valid ? [] : result.errors.map((error) => error.rawMessage)
}
