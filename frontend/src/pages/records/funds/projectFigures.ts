import { useQuery } from '@tanstack/react-query';
import { getProject, type FundsReportPublic } from '../../../api';
import { fromCents, toCents } from '../../../lib/money';

/** The project's running total without this report (a returned report is already outside it). */
export function useProjectFigures(projectId: number | null | undefined, record?: FundsReportPublic) {
  const project = useQuery({
    queryKey: ['projects', 'detail', projectId],
    queryFn: async () => (await getProject({ path: { project_id: projectId! } })).data,
    enabled: !!projectId,
  });
  const p = project.data;
  if (!p) return null;
  let before = toCents(p.funds_reported ?? '0');
  if (record && record.project_id === p.id && record.status !== 'returned') before -= toCents(record.amount);
  return { project: p, before: fromCents(before) };
}
