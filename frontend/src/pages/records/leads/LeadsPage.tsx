import { ComingSoon } from '../../../components/ComingSoon';

// Placeholder until the page is built.
export default function LeadsPage() {
  return <ComingSoon title="menu.leads" />;
}
