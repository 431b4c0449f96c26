import { Tag, Tooltip } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import { enumLabel } from '../i18n/enums';

const COLOURS: Record<string, string> = { draft: 'default', submitted: 'processing', verified: 'success', returned: 'error' };

/** A record's verification status; a returned record shows the office's reason on hover and to screen readers. */
export function StatusTag({ status, reason }: { status: string; reason?: string | null }) {
  const { t } = useI18n();
  const label = enumLabel(t, 'status', status);
  const tag = (
    <Tag color={COLOURS[status] ?? 'default'} data-status={status}>
      {label}
    </Tag>
  );
  return status === 'returned' && reason ? (
    <Tooltip title={reason}>
      <span aria-label={`${label}：${reason}`}>{tag}</span>
    </Tooltip>
  ) : (
    tag
  );
}
