// Validates JUnit XML against the Jenkins xUnit plugin's JUnit schema (vendored in fixtures/), with
// xmllint compiled to WebAssembly: the check a CI server's JUnit reader makes.
import { validateXML } from 'xmllint-wasm'
import schema from './fixtures/junit-10.xsd?raw'

export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    schema: [{ fileName: 'junit-10.xsd', contents: schema }],
  })
  return result.valid ? [] : result.errors.map((error) => error.rawMessage)
}
