import { ComingSoon } from '../../components/ComingSoon';

// Placeholder until the page is built.
export default function DrilldownPage() {
  return <ComingSoon title="menu.drilldown" />;
}
