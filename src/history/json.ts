// The export as JSON: every record whole (the history's own schema, ISO times), each with Okta's System Log
// section beside it, under a header naming the format, what was selected, when and by whom. For tools; the CSV
// and the Markdown report are for people.
import type { ExportDocument } from './selection.ts';

const JSON_EXPORT_FORMAT = 'okta-workflows-rotation-history';

export function toJson(doc: ExportDocument): string {
  const body = {
    format: JSON_EXPORT_FORMAT,
    version: 1,
    exportedAt: doc.exportedAt,
    exportedBy: { osUser: doc.exportedBy },
    selection: {
      org: doc.selection.org === 'all' ? 'all' : doc.selection.org,
      ...(doc.selection.from ? { from: doc.selection.from } : {}),
      ...(doc.selection.to ? { to: doc.selection.to } : {}),
    },
    rotations: doc.rotations.map(({ record, okta }) => {
      const { oktaLog: _kept, ...rest } = record;
      return {
        ...rest,
        oktaSystemLog:
          okta.status === 'listed'
            ? { status: okta.status, fromHistory: okta.fromHistory, ...okta.capture }
            : { status: okta.status, detail: okta.detail },
      };
    }),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
