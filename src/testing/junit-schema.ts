// Validates JUnit XML against the JUnit report schema (fixtures/junit.xsd: the format as CI servers
// read it, written for these tests), with xmllint compiled to WebAssembly.
import { validateXML } from 'xmllint-wasm'
import schema from './fixtures/junit.xsd?raw'

export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    schema: [{ fileName: 'junit.xsd', contents: schema }],
  })
  return result.valid ? [] : result.errors.map((error) => error.rawMessage)
}
