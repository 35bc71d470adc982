import { apiError } from '../../src/http/errors.ts';
import { type Query, singleParam } from '../../src/http/params.ts';
import { EXPORT_COLUMNS, type ExportColumn } from '../../src/world/types.ts';
import { EXPORT_FORMATS, type ExportFormat } from './settings.ts';

export const LIMIT_DEFAULT = 100;
export const LIMIT_MAX = 1000;

export type SortDirection = 'asc' | 'desc';

/** The query of GET /export/reporting_worklog, checked and with defaults applied. */
export interface ExportQuery {
  limit: number;
  offset: number;
  orderByField: ExportColumn;
  orderByDirection: SortDirection;
  format: ExportFormat;
}

const DIGITS = /^\d+$/;
const COLUMN_SET: ReadonlySet<string> = new Set(EXPORT_COLUMNS);

const invalid = (parameter: string, rule: string) =>
  apiError('INVALID_PARAMETER', `${parameter} ${rule}`, { parameter });

/** Quotes a rejected value for a message, cut short so a huge value cannot bloat the answer. */
const shown = (raw: string) => JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);

/**
 * Parses the export query. Every broken rule is a 400 INVALID_PARAMETER naming the parameter and
 * the rule; a repeated parameter is one too. Unknown parameters are ignored.
 * @param defaultFormat the backend setting `defaultDateExportFormat`, used when `format` is absent.
 */
export function parseExportQuery(query: Query, defaultFormat: ExportFormat): ExportQuery {
  return {
    limit: parseLimit(singleParam(query, 'limit')),
    offset: parseOffset(singleParam(query, 'offset')),
    orderByField: parseOrderByField(singleParam(query, 'orderByField')),
    orderByDirection: parseDirection(singleParam(query, 'orderByDirection')),
    format: parseFormat(singleParam(query, 'format'), defaultFormat),
  };
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return LIMIT_DEFAULT;
  const rule = `must be an integer from 1 to ${LIMIT_MAX}, got ${shown(raw)}`;
  if (!DIGITS.test(raw)) throw invalid('limit', rule);
  const value = Number(raw);
  if (value < 1 || value > LIMIT_MAX) throw invalid('limit', rule);
  return value;
}

function parseOffset(raw: string | undefined): number {
  if (raw === undefined) return 0;
  if (!DIGITS.test(raw)) {
    throw invalid('offset', `must be an integer of 0 or more, got ${shown(raw)}`);
  }
  // Any offset past the data is a valid request for an empty page; cap it so arithmetic stays exact.
  return Math.min(Number(raw), Number.MAX_SAFE_INTEGER);
}

function parseOrderByField(raw: string | undefined): ExportColumn {
  if (raw === undefined) return 'date';
  if (!COLUMN_SET.has(raw)) {
    throw invalid(
      'orderByField',
      `must be one of the export columns (${EXPORT_COLUMNS.join(', ')}), got ${shown(raw)}`,
    );
  }
  return raw as ExportColumn;
}

function parseDirection(raw: string | undefined): SortDirection {
  if (raw === undefined) return 'desc';
  if (raw !== 'asc' && raw !== 'desc') {
    throw invalid('orderByDirection', `must be asc or desc, got ${shown(raw)}`);
  }
  return raw;
}

function parseFormat(raw: string | undefined, defaultFormat: ExportFormat): ExportFormat {
  if (raw === undefined) return defaultFormat;
  if (!(EXPORT_FORMATS as readonly string[]).includes(raw)) {
    throw invalid('format', `must be one of ${EXPORT_FORMATS.join(', ')}, got ${shown(raw)}`);
  }
  return raw as ExportFormat;
}
