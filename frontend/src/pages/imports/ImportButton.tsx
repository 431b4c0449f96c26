// 导入 on a record list: opens the import dialog for the list's kind (its code loads on the first click).
import { UploadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import type { RecordKind } from '../../lib/recordPaths';
import { IMPORT_KIND } from './api';

const ImportDialog = lazy(async () => ({ default: (await import('./ImportDialog')).ImportDialog }));

export function ImportButton({ kind, label, onBehalf }: { kind: RecordKind; label: string; onBehalf: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="list-import">{t('imp.button')}</Button>
      {open && (
        <Suspense fallback={null}>
          <ImportDialog kind={IMPORT_KIND[kind]} label={label} onBehalf={onBehalf} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
