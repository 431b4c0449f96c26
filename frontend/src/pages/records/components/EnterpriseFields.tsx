// The enterprise form's fields (create modal and the enterprise page), with the USCC checked as you type.
import { Checkbox, Col, Form, Input, InputNumber, Row } from 'antd';
import type { EnterpriseClass, EnterprisePublic } from '../../../api';
import { enumLabel } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { ENTERPRISE_CLASSES } from '../../../lib/enums';
import { useRequired } from '../lib/forms';
import { checkUscc, normalizeUscc, type UsccCheck } from '../lib/uscc';

export const classField = (c: EnterpriseClass) => `is_${c}` as const;

export interface EnterpriseFormValues {
  name: string;
  uscc?: string;
  uscc_override_reason?: string;
  country?: string;
  province?: string;
  city?: string;
  industry?: string;
  classes?: EnterpriseClass[];
  china500_list?: string;
  china500_year?: number | null;
}

export const ENTERPRISE_FORM_FIELDS = [
  'name', 'uscc', 'uscc_override_reason', 'country', 'province', 'city', 'industry', 'classes', 'china500_list',
  'china500_year', ...ENTERPRISE_CLASSES.map(classField),
] as const;

export function enterpriseFormValues(e: EnterprisePublic): EnterpriseFormValues {
  return {
    name: e.name,
    uscc: e.uscc ?? '',
    uscc_override_reason: e.uscc_override_reason ?? '',
    country: e.country,
    province: e.province,
    city: e.city,
    industry: e.industry,
    classes: ENTERPRISE_CLASSES.filter((c) => e[classField(c)]),
    china500_list: e.china500_list ?? '',
    china500_year: e.china500_year,
  };
}

/** Form values → the API body (flags for the classes, empty USCC as null). */
export function enterpriseBody(v: EnterpriseFormValues) {
  const classes = new Set(v.classes ?? []);
  const uscc = normalizeUscc(v.uscc ?? '');
  const badCheck = checkUscc(uscc).state === 'badCheck';
  return {
    name: v.name.trim(),
    uscc: uscc || null,
    uscc_override_reason: badCheck ? (v.uscc_override_reason ?? '').trim() || null : null,
    country: (v.country ?? '').trim() || '中国',
    province: (v.province ?? '').trim(),
    city: (v.city ?? '').trim(),
    industry: (v.industry ?? '').trim(),
    ...Object.fromEntries(ENTERPRISE_CLASSES.map((c) => [classField(c), classes.has(c)])),
    china500_list: classes.has('china500') || classes.has('fortune500') ? (v.china500_list ?? '').trim() || null : null,
    china500_year: classes.has('china500') || classes.has('fortune500') ? (v.china500_year ?? null) : null,
  } as Record<string, unknown> & { name: string; uscc: string | null };
}

/** The live verdict on a USCC, under the field. */
export function UsccHint({ check }: { check: UsccCheck }) {
  const { t } = useI18n();
  switch (check.state) {
    case 'empty':
      return <span className="zs-muted">{t('ent.usccEmpty')}</span>;
    case 'ok':
      return <span className="zs-rec-ok" data-testid="uscc-ok">✓ {t('ent.usccOk')}</span>;
    case 'incomplete':
      return <span className="zs-muted">{t('ent.usccIncomplete', { length: check.length })}</span>;
    case 'tooLong':
      return <span className="zs-rec-bad">{t('ent.usccTooLong', { length: check.length })}</span>;
    case 'badChar':
      return <span className="zs-rec-bad">{t('ent.usccBadChar', { position: check.position, char: check.char })}</span>;
    case 'badCheck':
      return <span className="zs-rec-warn" data-testid="uscc-bad-check">{t('ent.usccBadCheck', { expected: check.expected })}</span>;
  }
}

export function EnterpriseFields({ autoFocus = false }: { autoFocus?: boolean }) {
  const { t } = useI18n();
  const required = useRequired();
  const form = Form.useFormInstance();
  const uscc = Form.useWatch('uscc', form) as string | undefined;
  const classes = (Form.useWatch('classes', form) as EnterpriseClass[] | undefined) ?? [];
  const check = checkUscc(uscc ?? '');
  const listed500 = classes.includes('china500') || classes.includes('fortune500');

  return (
    <>
      <Form.Item name="name" label={t('f.name')} rules={[required.text('f.name'), { min: 2, max: 200 }]}>
        <Input autoFocus={autoFocus} maxLength={200} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="uscc"
        label={t('f.uscc')}
        normalize={(v: string) => (v ?? '').toUpperCase().replace(/\s/g, '')}
        extra={<UsccHint check={check} />}
        validateTrigger="onBlur"
        rules={[
          {
            validator: async (_, value: string) => {
              const c = checkUscc(value ?? '');
              if (c.state === 'incomplete' || c.state === 'tooLong') throw new Error(t('ent.usccLength'));
              if (c.state === 'badChar') throw new Error(t('ent.usccInvalid'));
            },
          },
        ]}
      >
        <Input maxLength={20} autoComplete="off" style={{ fontFamily: 'monospace', maxWidth: 260 }} />
      </Form.Item>
      {check.state === 'badCheck' && (
        <Form.Item
          name="uscc_override_reason"
          label={t('f.uscc_override_reason')}
          extra={t('ent.usccOverrideHint')}
          rules={[{ required: true, whitespace: true, message: t('ent.usccOverrideRequired') }, { max: 500 }]}
        >
          <Input maxLength={500} />
        </Form.Item>
      )}
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="country" label={t('f.country')} rules={[{ max: 50 }]}>
            <Input maxLength={50} placeholder="中国" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="province" label={t('f.province')} rules={[{ max: 50 }]}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="city" label={t('f.city')} rules={[{ max: 50 }]}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="industry" label={t('f.industry')} rules={[{ max: 100 }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="classes" label={t('f.classes')} extra={t('ent.classesHint')}>
        <Checkbox.Group options={ENTERPRISE_CLASSES.map((c) => ({ value: c, label: enumLabel(t, 'enterpriseClass', c) }))} />
      </Form.Item>
      {listed500 && (
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item name="china500_list" label={t('f.china500_list')} rules={[{ max: 50 }]}>
              <Input maxLength={50} placeholder="中国企业500强" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="china500_year" label={t('f.china500_year')}>
              <InputNumber min={1990} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      )}
    </>
  );
}
