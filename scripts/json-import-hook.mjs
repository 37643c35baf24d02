/**
 * A module hook for Node 20: @actions/workflow-parser imports its JSON schema without an import
 * attribute (it expects a bundler), which plain Node refuses. This supplies the attribute.
 */
export async function load(url, context, nextLoad) {
  if (url.endsWith('.json') && !context.importAttributes?.type) {
    return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
  }
  return nextLoad(url, context);
}
