import { Tabs } from 'antd';
import { EvidenceRulesEditor } from '../../components/attachments/EvidenceRulesEditor';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/I18nProvider';
import { useUrlFilters } from '../../lib/searchParams';
import { RulesTab } from './components/RulesTab';
import { TargetsTab } from './components/TargetsTab';
import './components/office.css';

const FILTERS = ['tab', 'set'] as const;

/** 目标与规则: the targets of a plan period (and one unit's adjusted thresholds), and the counting rules. */
export default function SettingsPage() {
  const { t } = useI18n();
  const { values, update } = useUrlFilters(FILTERS);
  const tab = values.tab === 'rules' || values.tab === 'evidence' ? values.tab : 'targets';
  const setId = Number(values.set) || undefined;

  return (
    <>
      <PageHeader title={t('menu.settings')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k === 'targets' ? null : k })}
        items={[
          {
            key: 'targets',
            label: t('office.settings.targets'),
            children: <TargetsTab setId={setId} onSetChange={(id) => update({ set: id ? String(id) : null })} />,
          },
          { key: 'rules', label: t('office.settings.rules'), children: <RulesTab /> },
          { key: 'evidence', label: t('office.settings.evidence'), children: <EvidenceRulesEditor /> },
        ]}
        destroyOnHidden
      />
    </>
  );
}
