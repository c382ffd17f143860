// Owned by the permits feature: the plot card's "What will I need here?" section.
export interface PermitsSectionProps {
  plotId: number;
  lang: 'fi' | 'sv' | 'en';
}

export function PermitsSection(_props: PermitsSectionProps) {
  return null;
}
