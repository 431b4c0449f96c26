import { useQuery } from '@tanstack/react-query';
import { Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { getEnterprise, getProject, type ConflictRecord, type EnterprisePublic, type ProjectPublic } from '../../../api';
import { StatusTag } from '../../../components/StatusTag';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { enumLabel } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../lib/format';
import { formatMoney } from '../../../lib/money';
import { recordPath } from '../../../lib/recordPaths';
import { useUserNames } from '../../../hooks/useUserNames';

type Detail = { kind: 'project'; p: ProjectPublic } | { kind: 'enterprise'; e: EnterprisePublic };

async function load(r: ConflictRecord): Promise<Detail> {
  if (r.record_type === 'project') return { kind: 'project', p: (await getProject({ path: { project_id: r.id } })).data };
  return { kind: 'enterprise', e: (await getEnterprise({ path: { enterprise_id: r.id } })).data };
}

/**
 * The two records of a conflict side by side — unit, id, amount, stage, dates — so the office can tell them apart
 * (their names are often the same) before deciding.
 */
export function ConflictPair({ records }: { records: ConflictRecord[] }) {
  const { t } = useI18n();
  const userName = useUserNames();
  const unitName = useUnitNames();
  const details = useQuery({
    queryKey: ['conflict-pair', records.map((r) => `${r.record_type}-${r.id}`)],
    queryFn: () => Promise.all(records.map(load)),
  });
  if (details.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  const rows: [string, (d: Detail | undefined, r: ConflictRecord) => ReactNode][] = [
    [t('office.conflicts.pair.record'), (_, r) => {
      const path = recordPath(r.record_type, r.id);
      return path ? <Link to={path} target="_blank">#{r.id}</Link> : `#${r.id}`;
    }],
    [t('office.conflicts.pair.name'), (_, r) => r.name],
    [t('office.conflicts.pair.unit'), (d, r) => (d?.kind === 'project' ? unitName(d.p.unit_id) : r.unit_name ?? '—')],
  ];
  if (records[0]?.record_type === 'project') {
    const p = (d: Detail | undefined) => (d?.kind === 'project' ? d.p : undefined);
    rows.push(
      [t('office.conflicts.pair.landing'), (d) => unitName(p(d)?.landing_unit_id) || '—'],
      [t('office.conflicts.pair.amount'), (d) => (p(d) ? `${formatMoney(p(d)!.total_investment)} ${t('office.unit.wan')}` : '—')],
      [t('office.conflicts.pair.stage'), (d) => (p(d) ? enumLabel(t, 'stage', p(d)!.stage) : '—')],
      [t('office.conflicts.pair.signed'), (d) => p(d)?.signed_on ?? '—'],
      [t('office.conflicts.pair.started'), (d) => p(d)?.started_on ?? '—'],
      [t('office.conflicts.pair.status'), (d) => (p(d) ? <StatusTag status={p(d)!.status} /> : '—')],
      [t('office.conflicts.pair.entered'), (d) => (p(d) ? `${formatDateTime(p(d)!.created_at)} · ${userName(p(d)!.created_by)}` : '—')],
    );
  } else {
    const e = (d: Detail | undefined) => (d?.kind === 'enterprise' ? d.e : undefined);
    rows.push(
      [t('office.conflicts.uscc'), (d) => e(d)?.uscc ?? t('common.none')],
      [t('office.conflicts.pair.place'), (d) => [e(d)?.province, e(d)?.city].filter(Boolean).join(' ') || '—'],
      [t('office.conflicts.pair.industry'), (d) => e(d)?.industry || '—'],
      [t('office.conflicts.pair.entered'), (d) => (e(d) ? formatDateTime(e(d)!.created_at) : '—')],
    );
  }
  return (
    <table className="zs-pair" data-testid="conflict-pair">
      <thead>
        <tr><th /><th>A</th><th>B</th></tr>
      </thead>
      <tbody>
        {rows.map(([label, cell]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            {records.slice(0, 2).map((r, n) => <td key={r.id}>{cell(details.data?.[n], r)}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
