import { Form, Input, Table } from 'antd';
import { setScoringScheme, type SchemeUpdate, type TargetSetPublic } from '../../../api';
import { useI18n } from '../../../i18n/I18nProvider';
import { FormModal } from './FormModal';
import { useWriteDone } from './submit';

export interface SchemeConfig {
  weights: Record<string, string>;
  default_weight: string;
  cap: string;
  bonus_per_target_met: string;
}

// the API's patterns: weights up to 9999.99, cap up to 99.99, bonus up to 999.99
const WEIGHT = /^\d{1,4}(\.\d{1,2})?$/;
const CAP = /^\d{1,2}(\.\d{1,2})?$/;
const BONUS = /^\d{1,3}(\.\d{1,2})?$/;

interface Values {
  default_weight: string;
  cap: string;
  bonus_per_target_met: string;
  weights: Record<string, string | undefined>;
}

/** The year's scoring scheme: a weight per target (blank = the default weight), the cap on a ratio, a bonus. */
export function SchemeEditor({ year, targetSet, config, onClose }: {
  year: number;
  targetSet: TargetSetPublic;
  config: SchemeConfig;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const done = useWriteDone();
  const [form] = Form.useForm<Values>();
  const defaultWeight = Form.useWatch('default_weight', form) ?? config.default_weight;

  // the targets that give units a figure (city-only targets are not in any unit's score)
  const codes = new Map<string, string>();
  for (const target of targetSet.targets ?? []) {
    if (target.applies_to === 'city' || target.applies_to === 'unit_type_total' || codes.has(target.code)) continue;
    codes.set(target.code, lang === 'zh' ? target.title_zh : target.title_en || target.title_zh);
  }
  for (const c of Object.keys(config.weights ?? {})) if (!codes.has(c)) codes.set(c, '');
  const rows = [...codes.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, title]) => ({ code, title }));

  const save = async (v: Values) => {
    const weights: Record<string, string> = {};
    for (const [c, w] of Object.entries(v.weights ?? {})) if (w && w.trim()) weights[c] = w.trim();
    const body: SchemeUpdate = {
      weights,
      default_weight: v.default_weight.trim(),
      cap: v.cap.trim(),
      bonus_per_target_met: v.bonus_per_target_met.trim(),
    };
    await setScoringScheme({ path: { year }, query: { target_set_id: targetSet.id }, body });
    await done(t('office.scheme.saved', { year }), { queryKey: ['assessment'] });
    onClose();
  };

  const pattern = (re: RegExp, key: 'office.scheme.weightFormat' | 'office.scheme.capFormat' | 'office.scheme.bonusFormat') => ({
    pattern: re,
    message: t(key),
  });

  return (
    <FormModal
      form={form}
      id="zs-scheme-form"
      name="zsScheme"
      width={720}
      style={{ top: 32 }}
      title={t('office.scheme.title', { year })}
      okText={t('office.common.save')}
      fields={['default_weight', 'cap', 'bonus_per_target_met']}
      initialValues={{
        default_weight: config.default_weight,
        cap: config.cap,
        bonus_per_target_met: config.bonus_per_target_met,
        weights: config.weights ?? {},
      }}
      intro={
        <p className="zs-muted" style={{ marginTop: 0 }}>
          {t('office.scheme.intro')}
        </p>
      }
      onSubmit={save}
      onClose={onClose}
    >
      <div className="zs-toolbar" style={{ alignItems: 'flex-start', gap: 16 }}>
        <Form.Item
          name="default_weight"
          label={t('office.scheme.defaultWeight')}
          rules={[{ required: true, message: t('office.scheme.required') }, pattern(WEIGHT, 'office.scheme.weightFormat')]}
        >
          <Input autoFocus inputMode="decimal" style={{ width: 120 }} />
        </Form.Item>
        <Form.Item
          name="cap"
          label={t('office.scheme.cap')}
          extra={t('office.scheme.capHint')}
          rules={[{ required: true, message: t('office.scheme.required') }, pattern(CAP, 'office.scheme.capFormat')]}
        >
          <Input inputMode="decimal" style={{ width: 120 }} />
        </Form.Item>
        <Form.Item
          name="bonus_per_target_met"
          label={t('office.scheme.bonus')}
          rules={[{ required: true, message: t('office.scheme.required') }, pattern(BONUS, 'office.scheme.bonusFormat')]}
        >
          <Input inputMode="decimal" style={{ width: 120 }} />
        </Form.Item>
      </div>
      <Table
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ y: 300 }}
        columns={[
          { title: t('office.targets.code'), dataIndex: 'code', width: 80 },
          { title: t('office.quarters.target'), dataIndex: 'title' },
          {
            title: t('office.assessment.weight'),
            key: 'w',
            width: 140,
            render: (_: unknown, r) => (
              <Form.Item
                name={['weights', r.code]}
                style={{ margin: 0 }}
                rules={[pattern(WEIGHT, 'office.scheme.weightFormat')]}
              >
                <Input
                  inputMode="decimal"
                  placeholder={t('office.scheme.defaultPlaceholder', { weight: defaultWeight })}
                  aria-label={t('office.scheme.weightOf', { code: r.code })}
                />
              </Form.Item>
            ),
          },
        ]}
      />
    </FormModal>
  );
}
