import { ComingSoon } from '../../../components/ComingSoon';

// Placeholder until the page is built.
export default function EnterprisesPage() {
  return <ComingSoon title="menu.enterprises" />;
}
