# ============================================================================================
#  HELD-OUT BANK — CHECKER ENGINEERS MUST NOT READ THIS FILE (see README.md beside it).
#  Written separately from tests/variants/bank_dev.py; never copy a phrasing between the two.
# ============================================================================================
"""Held-out wording bank: companies, titles, bodies and figure phrasings kept out of development."""

from __future__ import annotations

from tests.variants.bank import Bank, Company, ElementText, PartText


def P(named: list[str], synonym: list[str], question: list[str], *bodies) -> PartText:
    return PartText({"named": named, "synonym": synonym, "question": question}, list(bodies))


def E(named, synonym, question, bodies=None, parts=None, mentions=None) -> ElementText:
    return ElementText(
        {"named": named, "synonym": synonym, "question": question},
        bodies or [[]],
        parts or {},
        mentions or [],
    )


COMPANIES = {
    "E1": [
        Company(
            "Fromagerie Lachaux",
            "affinage et vente de fromages",
            "comtés affinés, morbiers et plateaux de dégustation",
            "crémeries, restaurants étoilés et clients de la boutique",
            "Poligny",
            "fromagerie-lachaux.fr",
            "Maison Arbois Affinage",
            "Le Comptoir Comtois",
            19,
            "Mathis Roussel",
        ),
        Company(
            "Brasserie La Mouette",
            "brasserie artisanale",
            "bières blondes, ambrées et éditions saisonnières",
            "bars, cavistes et grandes surfaces régionales",
            "Lorient",
            "brasserie-lamouette.bzh",
            "Brasserie des Abers",
            "Houblon Breizh",
            12,
            "Nolwenn Le Gall",
        ),
        Company(
            "Céramiques Vasseur",
            "fabrication de vaisselle en grès",
            "assiettes, bols et services de table émaillés",
            "restaurateurs, concept-stores et particuliers",
            "Limoges",
            "ceramiques-vasseur.fr",
            "Terres de Saint-Yrieix",
            "Atelier Porcelaine Nouvelle",
            8,
            "Chloé Marchand",
        ),
    ],
    "E2": [
        Company(
            "Hydrosol Énergie",
            "installation de pompes à chaleur",
            "pompes à chaleur air-eau, contrats d’entretien et diagnostics thermiques",
            "propriétaires de maisons et bailleurs sociaux",
            "Toulouse",
            "hydrosol-energie.fr",
            "ThermoSud",
            "Clim’Occitanie",
            41,
            "Bastien Fournier",
        ),
        Company(
            "KiloCafé",
            "torréfaction de café",
            "cafés de spécialité en grains, machines et abonnements",
            "bureaux, hôtels-restaurants et amateurs",
            "Lille",
            "kilocafe.fr",
            "Torréfaction du Beffroi",
            "Grain d’Or Nord",
            23,
            "Amandine Lecomte",
        ),
        Company(
            "Gardien Connect",
            "alarmes et vidéosurveillance connectées",
            "centrales d’alarme, caméras et télésurveillance",
            "commerçants, artisans et petites copropriétés",
            "Grenoble",
            "gardien-connect.fr",
            "AlpSécurité",
            "VeilleTech",
            30,
            "Hugo Benali",
        ),
    ],
    "E3": [
        Company(
            "Transports Mercier Frères",
            "messagerie et logistique régionale",
            "livraisons express, stockage et préparation de commandes",
            "industriels, grossistes et sites marchands",
            "Clermont-Ferrand",
            "mercier-transports.fr",
            "Auvergne Fret",
            "LogiDôme",
            88,
            "Sofiane Mercier",
        ),
        Company(
            "Optique du Centre",
            "optique et audition",
            "lunettes de vue, solaires et appareils auditifs",
            "familles, seniors et entreprises partenaires",
            "Tours",
            "optiqueducentre.fr",
            "Vision Loire",
            "Lunetterie Martin",
            26,
            "Manon Girardin",
        ),
        Company(
            "Imprimerie Delbos",
            "imprimerie commerciale",
            "brochures, packagings et supports publicitaires",
            "agences de communication, collectivités et PME",
            "Angers",
            "imprimerie-delbos.fr",
            "Print Anjou",
            "Numéri’Pack",
            37,
            "Louis Tessier",
        ),
    ],
}

E1 = {
    "C1.1.1": E(
        ["Dispositif de veille commerciale", "Veille commerciale et concurrentielle"],
        ["Se tenir informé du marché", "Radar marché"],
        ["Comment ne rien laisser passer ?"],
        [["Chez {name}, l’information circule oralement et se perd souvent."]],
        {
            "process_steps": P(
                ["Organisation de la veille", "Déroulement de la veille"],
                ["Méthode de travail retenue", "Routine d’information"],
                ["Comment s’y prendre chaque semaine ?"],
                [
                    "Je propose une routine simple : chaque lundi, l’assistante rassemble les "
                    "nouveautés repérées ; le mercredi, le responsable commercial les classe "
                    "par thème ; en fin de mois, un mail récapitulatif part vers toute "
                    "l’équipe et le dirigeant décide des suites."
                ],
            ),
            "sources": P(
                ["Sources d’information", "Outils de collecte"],
                ["Où puiser l’information", "Canaux surveillés"],
                ["Quelles informations écouter ?"],
                [
                    [
                        "newsletters professionnelles et revues de la filière",
                        "comptes LinkedIn de {rival1} et {rival2}",
                        "bulletins de la chambre de commerce",
                        "alertes Talkwalker sur le nom de la marque",
                    ]
                ],
            ),
        },
        ["La question de l’information sur le marché est laissée de côté pour l’instant."],
    ),
    "C1.1.2": E(
        ["Étude de marché", "Analyse concurrentielle"],
        ["Paysage concurrentiel", "Lecture du secteur"],
        ["Qui occupe déjà le terrain ?"],
        [["Le secteur de l’{sector} reste porté par une clientèle fidèle mais vieillissante."]],
        {
            "competitors_synthesis": P(
                ["Stratégies des concurrents", "Benchmark concurrentiel"],
                ["Les autres acteurs", "Positionnements observés"],
                ["Que proposent les autres ?"],
                [
                    "{rival1} cible la restauration haut de gamme avec des prix élevés et une "
                    "forte présence sur les salons ; {rival2} vend surtout en grande surface, "
                    "à prix serrés, avec une gamme courte."
                ],
            ),
            "risks_opportunities": P(
                ["Menaces et opportunités", "Risques du marché"],
                ["Signaux du marché", "Leviers et freins externes"],
                ["Qu’est-ce qui se profile ?"],
                [
                    "La montée du tourisme gourmand ouvre des débouchés ; à l’inverse, "
                    "l’inflation pèse sur les achats plaisir et les coûts de l’énergie "
                    "grimpent."
                ],
            ),
            "rse": P(
                ["Responsabilité sociétale", "Engagement RSE"],
                ["Impact local et environnemental", "Démarche éco-responsable"],
                ["Quel rôle dans la transition écologique ?"],
                [
                    "L’entreprise a remplacé ses barquettes plastiques par du carton recyclé "
                    "et travaille avec des producteurs du département."
                ],
            ),
        },
        ["Le secteur est évoqué rapidement en introduction."],
    ),
    "C1.1.3": E(
        ["Diagnostic interne et SWOT", "Analyse interne"],
        ["Atouts et handicaps", "Photographie de l’entreprise"],
        ["Que savons-nous bien faire ?"],
        [[]],
        {
            "value_chain": P(
                ["Chaîne de valeur de Porter", "Activités de la chaîne de valeur"],
                ["Organisation des activités", "Ce que fait chaque service"],
                ["Comment l’entreprise produit-elle sa valeur ?"],
                [
                    "La fabrication et la vente directe créent l’essentiel de la marge ; les "
                    "achats et l’informatique, gérés par le dirigeant seul, sont des maillons "
                    "faibles."
                ],
            ),
            "swot_matrix": P(
                ["Tableau SWOT", "Matrice AFOM"],
                ["Atouts, faiblesses, opportunités, menaces", "Grille d’analyse stratégique"],
                ["Quels sont nos atouts et nos points faibles ?"],
                [
                    [
                        ["Atouts", "Points faibles"],
                        ["Qualité reconnue par les chefs", "Site internet vieillissant"],
                        ["Opportunités", "Menaces"],
                        ["Tourisme gourmand", "Coût de l’énergie"],
                    ]
                ],
            ),
            "swot_analysis": P(
                ["Lecture de la matrice", "Conclusions de l’analyse interne"],
                ["Bilan stratégique", "Priorités qui en découlent"],
                ["Qu’en retenir pour la suite ?"],
                [
                    "La réputation auprès des professionnels est l’atout à exploiter ; le site "
                    "et la prospection doivent être modernisés en priorité."
                ],
            ),
        },
        ["Une analyse interne complète reste à mener."],
    ),
    "C1.2.1": E(
        ["Orientations stratégiques retenues", "Choix et orientations stratégiques"],
        ["Direction donnée à l’entreprise", "Priorités stratégiques"],
        ["Quel cap fixer ?"],
        [["La stratégie retenue mise sur la montée en gamme et la vente directe."]],
        {
            "quantified_objectives": P(
                ["Objectifs quantitatifs", "Objectifs mesurables"],
                ["Résultats visés", "Chiffres à atteindre"],
                ["Quels résultats viser ?"],
                [
                    "Atteindre 15 % de ventes supplémentaires, 25 restaurants clients de plus "
                    "et 2 000 abonnés à la lettre d’information."
                ],
            ),
            "short_medium_long_term": P(
                ["Échéancier des objectifs", "Objectifs par horizon"],
                ["Étapes dans le temps", "Phasage"],
                ["Et dans un, deux, trois ans ?"],
                [
                    "D’ici six mois : site refondu. À un an : deux nouveaux départements "
                    "couverts. À trois ans : un quart du chiffre réalisé à distance."
                ],
            ),
            "physical_digital_split": P(
                ["Canaux physiques et numériques", "Mix des canaux"],
                ["Boutique et internet", "Poids de chaque canal de vente"],
                ["Combien en boutique, combien en ligne ?"],
                [
                    [
                        ["Canal", "Aujourd’hui", "Dans 3 ans"],
                        ["Vente sur place et revendeurs", "90 %", "72 %"],
                        ["Vente à distance", "10 %", "28 %"],
                    ]
                ],
            ),
        },
        ["La stratégie suivra l’avis du dirigeant."],
    ),
    "C1.2.2": E(
        ["Plan d’action commercial (PAC)", "Programme d’actions commerciales"],
        ["Mise en œuvre", "Leviers d’action"],
        ["Quelles actions lancer ?"],
        [[]],
        {
            "physical_actions": P(
                ["Actions en présentiel", "Opérations physiques"],
                ["Rencontres et événements", "Sur le terrain"],
                ["Que faire en face à face ?"],
                [
                    "Journées portes ouvertes à l’atelier, présence sur trois marchés de "
                    "producteurs et rendez-vous avec les chefs de la région."
                ],
            ),
            "digital_actions": P(
                ["Actions en ligne", "Opérations digitales"],
                ["Internet et réseaux", "Outils numériques de vente"],
                ["Que faire sur internet ?"],
                [
                    "Nouvelle boutique sur Shopify, vidéos courtes sur les réseaux et "
                    "partenariat avec deux blogueurs culinaires."
                ],
            ),
            "stakeholders": P(
                ["Acteurs du plan", "Intervenants"],
                ["Équipe mobilisée", "Rôles de chacun"],
                ["Qui s’en charge ?"],
                [
                    "Le dirigeant pilote ; la vendeuse anime la boutique ; un freelance gère "
                    "le site ; les revendeurs relaient les opérations."
                ],
            ),
            "constraints": P(
                ["Contraintes et limites", "Freins internes"],
                ["Moyens disponibles", "Cadre imposé"],
                ["Avec quelles limites ?"],
                [
                    "Trésorerie tendue au printemps et pic de production avant les fêtes : "
                    "rien ne sera lancé en novembre."
                ],
            ),
        },
        ["Des actions commerciales sont prévues l’an prochain."],
    ),
    "C1.2.3": E(
        ["Digitalisation des processus commerciaux", "Automatisation commerciale"],
        ["Outils pour gagner du temps", "Simplifier le quotidien commercial"],
        ["Que peut-on cesser de faire à la main ?"],
        [[]],
        {
            "recurring_tasks": P(
                ["Tâches à automatiser", "Tâches répétitives repérées"],
                ["Temps administratif", "Routines coûteuses"],
                ["Qu’est-ce qui nous fait perdre du temps ?"],
                [
                    "Chaque semaine : ressaisie des bons de commande, envoi des devis, "
                    "relance des impayés, soit environ une journée de travail."
                ],
            ),
            "automation_solutions": P(
                ["Outils d’automatisation", "Scénarios proposés"],
                ["Solutions retenues", "Workflows"],
                ["Quels outils mettre en place ?"],
                [
                    "Un formulaire relié au logiciel de facturation, des relances "
                    "programmées avec Brevo et un message automatique après chaque achat."
                ],
            ),
            "crm": P(
                ["Gestion de la relation client (CRM)", "Logiciel de relation client"],
                ["Base clients unique", "Suivi des contacts"],
                ["Où garder la mémoire des clients ?"],
                [
                    "Le CRM Axonaut regroupera contacts, devis et factures ; chaque appel y "
                    "sera noté."
                ],
            ),
        },
        ["Quelques outils numériques sont déjà utilisés."],
    ),
    "C1.2.4": E(
        ["Budget prévisionnel et rentabilité", "Budget et rentabilité"],
        ["Viabilité économique du projet", "Volet financier"],
        ["Le projet tient-il financièrement ?"],
        [[]],
        {
            "budget_table": P(
                ["Budget de l’exercice", "Prévisionnel d’exploitation"],
                ["Ressources et dépenses", "Comptes prévisionnels"],
                ["Combien rentre et combien sort ?"],
                [],
            ),
            "seuil_rentabilite": P(
                ["Seuil de rentabilité", "Détermination du seuil de rentabilité"],
                ["Niveau de ventes d’équilibre", "CA minimum"],
                ["Combien faut-il vendre pour ne pas perdre d’argent ?"],
                [],
            ),
            "point_mort": P(
                ["Point mort", "Calcul du point mort"],
                ["Date d’équilibre", "Échéance de rentabilité"],
                ["À quelle date couvrons-nous nos charges ?"],
                [],
            ),
            "ratios": P(
                ["Indicateurs de rentabilité", "Ratios financiers"],
                ["Sécurité financière", "Marges et sécurité"],
                ["Avons-nous de la marge ?"],
                [],
            ),
            "ecommerce_costs": P(
                ["Coûts de la vente en ligne", "Dépenses e-commerce"],
                ["Frais du site marchand", "Ce que coûte internet"],
                ["Combien coûte la boutique en ligne ?"],
                [
                    "Le site coûtera 90 € par mois d’abonnement, 1,4 % de commission par "
                    "paiement, 450 € par mois de publicité et les frais d’envoi offerts "
                    "au-delà de 60 € d’achat."
                ],
            ),
        },
        ["Les aspects financiers seront vus avec la banque."],
    ),
}

E2 = {
    "E2.context": E(
        ["Présentation de l’entreprise", "Le contexte"],
        ["Situation de l’entreprise", "Cadre de l’étude"],
        ["Quelle entreprise, quel enjeu ?"],
        [
            [
                "Fondée il y a douze ans à {city}, {name} compte {staff} collaborateurs. "
                "Spécialiste de l’{sector}, elle commercialise des {products} auprès de "
                "{clients} et cherche aujourd’hui à accélérer sa croissance."
            ]
        ],
        mentions=["On se reportera au site {site} pour découvrir l’entreprise."],
    ),
    "C2.1.1": E(
        ["Persona", "Construction du persona"],
        ["Client idéal", "Fiche du client cible"],
        ["Pour qui travaillons-nous ?"],
        [
            [
                "Marc, 55 ans, gérant d’un commerce de centre-ville. Pressé, méfiant envers "
                "les commerciaux, il compare sur internet et demande l’avis de ses confrères. "
                "Ce qui le convaincra : un interlocuteur local et un prix clair."
            ]
        ],
        mentions=["La cible est connue de l’équipe."],
    ),
    "C2.1.2": E(
        ["Prospection multicanale", "Démarche de prospection"],
        ["Développement du portefeuille", "Recherche de nouveaux comptes"],
        ["Où trouver nos futurs clients ?"],
        [[]],
        {
            "physical_channels": P(
                ["Prospection physique", "Canaux de terrain"],
                ["Démarchage en personne", "Présence locale"],
                ["Comment les rencontrer en vrai ?"],
                ["Tournées de porte-à-porte chez les commerçants et stand au salon de l’habitat."],
            ),
            "digital_channels": P(
                ["Prospection en ligne", "Canaux numériques"],
                ["Approche à distance", "Web et réseaux"],
                ["Comment les contacter en ligne ?"],
                [
                    "Campagne Facebook géolocalisée, fiche Google Business optimisée et "
                    "séquence LinkedIn vers les gestionnaires de patrimoine."
                ],
            ),
            "action_plan": P(
                ["Planning de prospection", "Programme de prospection"],
                ["Chronologie des actions", "Feuille de route des commerciaux"],
                ["Quand lancer chaque action ?"],
                [
                    "Avril : fichier qualifié de 400 contacts. Mai : salon et porte-à-porte. "
                    "Juin : relances et bilan ; objectif 30 devis signés."
                ],
            ),
            "ecommerce_regulation": P(
                ["Réglementation de la prospection", "Contraintes juridiques"],
                ["Droit applicable", "Règles du démarchage"],
                ["Que dit la loi ?"],
                [
                    "Auprès des particuliers, l’accord préalable est obligatoire pour "
                    "l’e-mail ; le démarchage téléphonique doit respecter Bloctel et les "
                    "horaires légaux ; les données collectées sont déclarées au registre RGPD."
                ],
            ),
        },
        ["La prospection n’est pas détaillée ici."],
    ),
    "C2.1.3": E(
        ["Proposition commerciale détaillée", "Offre commerciale"],
        ["Réponse au cahier des charges", "Recommandation au client"],
        ["Quelle offre remettre à ce prospect ?"],
        [[]],
        {
            "diagnostic": P(
                ["Analyse de la situation", "Diagnostic du besoin"],
                ["Constat de départ", "Ce que vit le client"],
                ["Quel est son problème ?"],
                [
                    "Le prospect, une copropriété de 24 logements, subit des pannes "
                    "répétées et des factures en hausse ; le conseil syndical veut une "
                    "solution durable avant l’hiver."
                ],
            ),
            "solution": P(
                ["Solution préconisée", "Offre proposée"],
                ["Notre recommandation", "Réponse technique"],
                ["Que lui proposons-nous ?"],
                [
                    "Nous recommandons l’équipement complet avec pilotage à distance et "
                    "contrat de suivi, pour diviser par deux les interventions."
                ],
            ),
            "retroplanning": P(
                ["Planning de réalisation", "Délais d’intervention"],
                ["Phases du projet", "Chronologie"],
                ["Quand sera-ce prêt ?"],
                [
                    "Étude technique en semaine 1, commande du matériel en semaine 2, pose "
                    "en semaines 4 et 5, mise en service et formation en semaine 6."
                ],
            ),
            "pricing": P(
                ["Prix de l’offre", "Devis détaillé"],
                ["Montant de l’investissement", "Proposition financière"],
                ["Combien va-t-il payer ?"],
                [],
            ),
            "guarantee": P(
                ["Garanties offertes", "Engagements et garantie"],
                ["Sécurité pour le client", "Service après installation"],
                ["Quelles assurances lui donner ?"],
                ["Garantie constructeur de sept ans et dépannage sous 48 heures ouvrées."],
            ),
        },
        ["Une offre sera envoyée au prospect."],
    ),
    "C2.1.4.2": E(
        ["Stratégie e-commerce", "Plan d’acquisition en ligne"],
        ["Croissance des ventes web", "Marketing en ligne"],
        ["Comment attirer des acheteurs sur le site ?"],
        [[]],
        {
            "seo": P(
                ["Optimisation pour les moteurs de recherche", "Référencement naturel"],
                ["Contenus du site", "Audience gratuite"],
                ["Comment remonter dans Google ?"],
                ["Un audit technique puis deux guides d’achat par mois sur les requêtes clés."],
            ),
            "sea": P(
                ["Publicité sur les moteurs", "Liens sponsorisés"],
                ["Annonces payantes", "Budget publicitaire de recherche"],
                ["Faut-il acheter de la visibilité ?"],
                ["Des annonces Google Ads et Bing Ads plafonnées à 1 200 € par mois."],
            ),
            "emailing": P(
                ["Marketing par e-mail", "Lettre d’information"],
                ["Fidélisation par courriel", "Messages aux abonnés"],
                ["Comment faire revenir les clients ?"],
                ["Un courriel de bienvenue, puis une lettre bimensuelle avec une offre ciblée."],
            ),
            "affiliation": P(
                ["Programme d’affiliation", "Partenaires affiliés"],
                ["Sites apporteurs", "Ventes par des tiers"],
                ["Qui peut nous amener des ventes ?"],
                ["Des comparateurs et des sites d’avis rémunérés à la commande (6 %)."],
            ),
            "display": P(
                ["Publicité graphique", "Campagnes display"],
                ["Bannières publicitaires", "Reciblage visuel"],
                ["Comment rester visibles après une visite ?"],
                ["Du reciblage sur le réseau Display de Google pendant trente jours."],
            ),
            "social_networks": P(
                ["Présence sur les réseaux sociaux", "Social media"],
                ["Échanges avec les abonnés", "Animation des réseaux"],
                ["Où échanger avec la communauté ?"],
                ["Instagram et Facebook trois fois par semaine, un live mensuel de démonstration."],
            ),
        },
        ["Internet est un canal secondaire pour l’instant."],
    ),
    "C2.1.5": E(
        ["Contrat de partenariat", "Convention avec le partenaire"],
        ["Accord de collaboration", "Cadre juridique du partenariat"],
        ["Qu’allons-nous signer avec le partenaire ?"],
        [[]],
        {
            "clauses": P(
                ["Articles essentiels", "Clauses retenues"],
                ["Dispositions du contrat", "Contenu juridique"],
                ["Qu’écrit-on dans l’accord ?"],
                [
                    "L’accord précise son objet (revente des produits de {name}), sa durée "
                    "(trois ans), les prix et conditions de paiement, les obligations de "
                    "chacun, une exclusivité sur le département, la confidentialité, le "
                    "traitement des données selon le RGPD, les cas de résiliation, la "
                    "responsabilité des parties, le droit français applicable et la "
                    "compétence du tribunal de {city}."
                ],
            ),
        },
        ["Le partenariat reste à formaliser."],
    ),
    "C2.2.1": E(
        ["Choix des indicateurs", "Indicateurs clés de performance"],
        ["Mesure de la performance", "Ce que nous mesurons"],
        ["Quels chiffres surveiller ?"],
        [[]],
        {
            "kpi_table": P(
                ["Tableau de suivi des KPI", "Synthèse des indicateurs"],
                ["Objectifs et résultats", "Réalisé par rapport à l’objectif"],
                ["Avons-nous tenu nos objectifs ?"],
                [],
            ),
            "ecommerce_kpis": P(
                ["Indicateurs de la boutique en ligne", "KPI e-commerce"],
                ["Chiffres du site", "Performance web"],
                ["Que donnent les ventes sur internet ?"],
                [],
            ),
            "rse_kpis": P(
                ["Indicateurs environnementaux et sociaux", "KPI RSE"],
                ["Mesures responsables", "Suivi de l’impact"],
                ["Et pour l’environnement ?"],
                ["Kilomètres parcourus par les techniciens et taux de déchets triés sur chantier."],
            ),
        },
        ["Les indicateurs seront définis plus tard."],
    ),
    "C2.2.2": E(
        ["Tableau de bord commercial", "Outil de suivi de l’activité"],
        ["Cockpit commercial", "Suivi mensuel des chiffres"],
        ["Comment suivre l’activité sans effort ?"],
        [[]],
        {
            "data_sources": P(
                ["Origine des données", "Alimentation du tableau"],
                ["Données utilisées", "Collecte des informations"],
                ["Quelles données et d’où ?"],
                [
                    "Les devis et factures viennent de l’ERP, les visites du site de Matomo, "
                    "les appels du standard téléphonique ; un export est fait chaque semaine."
                ],
            ),
            "automated_calculations": P(
                ["Formules et automatisation", "Calculs automatiques"],
                ["Mise à jour automatique", "Classeur qui calcule seul"],
                ["Comment éviter les erreurs de saisie ?"],
                [
                    "Les indicateurs sont calculés par formules (SOMMEPROD, INDEX/EQUIV) et "
                    "une requête Power Query recharge les exports sans ressaisie."
                ],
            ),
        },
        ["Un suivi des chiffres existe sous forme papier."],
    ),
    "C2.2.3": E(
        ["Analyse des résultats du semestre", "Bilan des résultats"],
        ["Écarts constatés", "Ce que disent les chiffres"],
        ["Pourquoi sommes-nous en avance ou en retard ?"],
        [[]],
        {
            "physical_vs_ecommerce": P(
                ["Résultats par canal de vente", "Comparaison magasin et web"],
                ["Canaux physiques face au site", "Écarts par canal"],
                ["Quel canal a tenu ses promesses ?"],
                [
                    "En agence, les ventes dépassent légèrement l’objectif ; sur le site, "
                    "le panier est correct mais le nombre de commandes décroche de 22 %."
                ],
            ),
            "corrective_actions": P(
                ["Mesures correctives", "Plan de redressement"],
                ["Ajustements proposés", "Décisions à prendre"],
                ["Que changer dès le mois prochain ?"],
                [
                    [
                        "Refaire la page d’accueil et le formulaire de contact",
                        "Rappeler chaque demande de devis dans la journée",
                        "Former deux techniciens à la vente",
                    ]
                ],
            ),
        },
        ["Les écarts n’ont pas encore été analysés."],
    ),
    "C2.2.4": E(
        ["Reporting commercial", "Compte rendu d’activité"],
        ["Restitution à la direction", "Communication au siège"],
        ["Quel message adresser au siège ?"],
        [[]],
        {
            "french": P(
                ["Synthèse en français", "Rapport en français"],
                ["Message au dirigeant", "Note interne"],
                ["Que retenir de la période ?"],
                [],
            ),
            "english": P(
                ["Synthèse en anglais", "Executive summary"],
                ["Summary for the shareholders", "Monthly sales report"],
                ["How did we perform?"],
                [],
            ),
        },
        ["Le reporting se fait oralement en réunion."],
    ),
}

E3 = {
    "E3.presentation": E(
        ["Présentation de l’entreprise d’accueil", "L’entreprise"],
        ["Cadre du stage", "Mon lieu de stage"],
        ["Dans quelle entreprise ai-je travaillé ?"],
        [
            [
                "Créée à {city}, {name} emploie {staff} personnes dans l’{sector}. Ses "
                "{products} s’adressent à des {clients}."
            ]
        ],
        mentions=["Voir la plaquette de {name} en pièce jointe."],
    ),
    "C3.1.1": E(
        ["Analyse de la base clients", "Étude du portefeuille"],
        ["Qui achète et combien", "Répartition de la clientèle"],
        ["Quels clients font vivre l’entreprise ?"],
        [[]],
        {
            "method": P(
                ["Segmentation RFM", "Méthode des 20/80"],
                ["Classement des clients", "Tri par importance"],
                ["Comment classer les clients ?"],
                [
                    "J’ai exporté 1 280 fiches du logiciel de facturation, puis classé les "
                    "clients selon la récence, la fréquence et le montant de leurs achats : "
                    "16 % des clients réalisent 78 % des ventes."
                ],
            ),
        },
        ["La clientèle est variée."],
    ),
    "C3.1.2": E(
        ["Mesure de la satisfaction", "Satisfaction de la clientèle"],
        ["Retours des clients", "Qualité perçue"],
        ["Que pensent les clients de nous ?"],
        [[]],
        {
            "indicators": P(
                ["Indicateurs qualitatifs", "Tableau des indicateurs de satisfaction"],
                ["Baromètre client", "Signaux de qualité"],
                ["Avec quels chiffres le mesurer ?"],
                [
                    [
                        ["Indicateur", "Valeur"],
                        ["Réclamations par mois", "14"],
                        ["Taux de fidélisation", "71 %"],
                        ["Note moyenne des avis", "4,1 / 5"],
                    ]
                ],
            ),
        },
        ["La satisfaction semble bonne d’après l’équipe."],
    ),
    "C3.1.3": E(
        ["Parcours client", "Étude du parcours client"],
        ["Moments de vérité", "Expérience d’achat"],
        ["Comment se passe un achat, étape par étape ?"],
        [[]],
        {
            "nps": P(
                ["Net Promoter Score (NPS)", "Indice de recommandation"],
                ["Recommandation client", "Bouche-à-oreille mesuré"],
                ["Nous recommanderaient-ils à un proche ?"],
                [],
            ),
            "csat": P(
                ["Customer Satisfaction Score", "Taux de satisfaction client"],
                ["Satisfaction à chaud", "Avis après la prestation"],
                ["Étaient-ils contents de la prestation ?"],
                [],
            ),
            "ces": P(
                ["Score d’effort client (CES)", "Effort client"],
                ["Simplicité des démarches", "Facilité d’achat"],
                ["Avons-nous compliqué la vie du client ?"],
                ["Sur 1 à 7, l’effort moyen déclaré pour obtenir un rendez-vous est de 4,2."],
            ),
            "friction_points": P(
                ["Irritants et pistes d’amélioration", "Points de friction"],
                ["Ruptures du parcours", "Moments difficiles"],
                ["Où perdons-nous des clients ?"],
                [
                    "Le principal irritant est la prise de rendez-vous par téléphone ; je "
                    "propose un agenda en ligne et un SMS de rappel la veille."
                ],
            ),
        },
        ["Le parcours client n’a pas été cartographié."],
    ),
    "C3.2.1": E(
        ["Animation des partenaires", "Réseau de partenaires"],
        ["Relations partenaires", "Communauté d’ambassadeurs"],
        ["Comment faire grandir nos partenaires avec nous ?"],
        [
            [
                "Nos 25 partenaires (revendeurs et plateformes) reçoivent désormais une "
                "lettre mensuelle, une formation produit par semestre et un espace en ligne "
                "pour passer commande ; les meilleurs sont mis en avant sur nos réseaux."
            ]
        ],
        mentions=["Quelques partenaires travaillent avec nous."],
    ),
    "C3.2.2": E(
        ["Gestion d’un litige", "Traitement d’une réclamation complexe"],
        ["Un dossier délicat", "Sortie de crise avec un client"],
        ["Comment avons-nous sauvé cette relation ?"],
        [
            [
                "Un client professionnel contestait une facture après un retard de "
                "livraison. Après l’avoir écouté, j’ai reconstitué la chronologie avec "
                "l’exploitation, reconnu notre part d’erreur et proposé un geste commercial "
                "de 8 % ; il a renouvelé son contrat. J’ai ensuite formalisé une procédure "
                "par type de litige (qualité, facturation, délais, casse) avec un "
                "responsable et un délai de réponse."
            ]
        ],
        mentions=["Les litiges sont traités par la direction."],
    ),
    "C3.2.3": E(
        ["Structure de l’équipe commerciale", "Organisation du service commercial"],
        ["Répartition des rôles", "Organigramme commercial"],
        ["Qui fait quoi dans l’équipe ?"],
        [
            [
                "Le service réunit une directrice commerciale, quatre technico-commerciaux "
                "répartis par zone et deux assistantes ; je propose de confier les grands "
                "comptes à un commercial dédié et de fixer à chacun des objectifs propres."
            ]
        ],
        mentions=["L’équipe est organisée simplement."],
    ),
    "C3.2.4": E(
        ["Management de l’équipe", "Animation commerciale"],
        ["Vie de l’équipe", "Motivation des vendeurs"],
        ["Comment entretenir la dynamique de l’équipe ?"],
        [
            [
                "Un brief de quinze minutes chaque matin, un concours mensuel récompensé "
                "par une journée de congé, et un accompagnement terrain individuel chaque "
                "trimestre selon les envies de chacun (évolution, formation, prime)."
            ]
        ],
        mentions=["L’ambiance de l’équipe est bonne."],
    ),
    "C3.2.5": E(
        ["Compétences, recrutement et formation", "Gestion des compétences"],
        ["Renforcer l’équipe", "Besoins en compétences"],
        ["Faut-il recruter ou former ?"],
        [[]],
        {
            "recruitment": P(
                ["Démarche de recrutement", "Embauche"],
                ["Arrivée d’un nouveau vendeur", "Sélection des candidats"],
                ["Comment choisir la bonne personne ?"],
                [
                    "Profil de poste validé, diffusion sur Indeed et à l’école de commerce "
                    "locale, deux entretiens et un jeu de rôle de vente."
                ],
            ),
            "training_plan": P(
                ["Programme de formation", "Formations prévues"],
                ["Apprentissage", "Montée en compétence de l’équipe"],
                ["Que faut-il apprendre ?"],
                ["Trois demi-journées sur la découverte des besoins et une sur l’outil de devis."],
            ),
            "annual_reviews": P(
                ["Entretiens individuels annuels", "Entretien annuel d’évaluation"],
                ["Point annuel", "Bilan avec chaque collaborateur"],
                ["Comment préparer le rendez-vous annuel ?"],
                [
                    "Un support envoyé quinze jours avant : résultats de l’année, "
                    "compétences, projets et objectifs proposés."
                ],
            ),
        },
        ["L’équipe est stable, aucun recrutement n’est prévu."],
    ),
    "C3.2.6": E(
        ["Objectifs collectifs et individuels", "Communication des objectifs"],
        ["Cap de l’équipe", "Engagements chiffrés de chacun"],
        ["Sur quoi chacun s’engage-t-il ?"],
        [
            [
                "L’équipe vise 3,4 M€ de ventes ; chaque technico-commercial reçoit une "
                "cible calculée sur sa zone, présentée en réunion puis confirmée par écrit."
            ]
        ],
        mentions=["Les objectifs sont fixés par la direction."],
    ),
    "C3.2.7": E(
        ["Bilan de la performance commerciale", "Analyse des résultats de l’équipe"],
        ["Où en est l’équipe", "Résultats du semestre"],
        ["Qui a atteint ses objectifs ?"],
        [[]],
        {
            "team": P(
                ["Résultat global", "Performance d’ensemble"],
                ["L’équipe au complet", "Bilan collectif"],
                ["Et l’équipe dans son ensemble ?"],
                ["Le service atteint 102 % de l’objectif, porté par les grands comptes."],
            ),
            "individual": P(
                ["Résultats individuels", "Performance par vendeur"],
                ["Chaque commercial", "Bilan personnel"],
                ["Et chacun d’entre eux ?"],
                [
                    "Le commercial de la zone nord réalise 118 %, celle du sud 91 % : un "
                    "accompagnement terrain est prévu pour elle."
                ],
            ),
        },
        ["La performance est suivie par la direction."],
    ),
}

NUMBERING = {
    "arabic": [("{i} – ", "{i}.{j}. ", "{i}.{j}.{k}. "), ("{i}° ", "{i}-{j} ", "{i}-{j}-{k} ")],
    "roman": [("{I}) ", "{I}-{j} ", "{c}- "), ("{I}/ ", "{b}) ", "{k}. ")],
    "letters": [("{A} – ", "{A}-{j}. ", "{c}/ ")],
    "mixed": [("{I} – ", "{I}.{B}. ", "{I}.{B}.{k}. "), ("{A}. ", "{A}.{J}. ", "{A}.{J}.{k} ")],
    "keyword": [("{kw} {i}. ", "{i}.{j}. ", "{i}.{j}.{k}. "), ("{kw} n° {i} – ", "{b}) ", "{c}) ")],
    "none": [("", "", "")],
}

PHRASINGS = {
    "budget_lead": ["Les prévisions de l’année {year} s’établissent comme suit."],
    "inputs_prose": [
        "Les ventes attendues en {year} atteignent {ca} ; elles supportent {cv} de coûts "
        "variables, auxquels s’ajoutent {cf} de frais fixes."
    ],
    "no_inputs": ["Le gérant n’a pas souhaité communiquer le détail de ses comptes."],
    "mcv": ["Les ventes dégagent {mcv} de marge sur coûts variables, soit {rate} du CA."],
    "sr:plain": ["Le seuil de rentabilité ressort à {sr}.", "Seuil de rentabilité obtenu : {sr}."],
    "sr:formula_chain": [
        "SR = frais fixes / taux de marge sur coûts variables = {cf} / {rate} = {sr}."
    ],
    "sr:abbreviation": ["Nous calculons un SR de {sr}."],
    "sr:next_sentence": [
        "Quel chiffre d’affaires faut-il pour couvrir toutes les charges ? Le calcul donne "
        "{sr}, c’est notre seuil de rentabilité."
    ],
    "sr:margin_adjacent": [
        "Le point d’équilibre est dépassé : notre marge de sécurité atteint {ms}, pour un "
        "seuil de rentabilité de {sr}."
    ],
    "sr:value_first": ["{sr} de ventes : voilà le seuil de rentabilité de l’entreprise."],
    "sr:table_label": ["SR (seuil de rentabilité)"],
    "sr:formula_label": ["Frais fixes / taux de MCV"],
    "indicator:headers": [("Ratio", "Formule", "Valeur")],
    "pm:months": [
        "L’équilibre sera atteint après {pm} mois d’exploitation.",
        "Notre PM se situe à {pm} mois.",
    ],
    "pm:days_360": ["En année commerciale (360 j), le point mort tombe au bout de {pm} jours."],
    "pm:days_365": ["Sur une année civile, le point mort est atteint en {pm} jours."],
    "pm:date": ["Avec un démarrage au {start}, nous couvrirons nos charges le {pm}."],
    "pm:table_label": ["Point mort (mois)"],
    "pm:formula_label": ["(SR / CA) × 12"],
    "about": ["près de", "approximativement"],
    "ms": ["Marge de sécurité : {ms}."],
    "is": ["L’indice de sécurité s’élève à {is}."],
    "net_margin": [
        "Avec un bénéfice de {result} pour {ca} de ventes, la marge nette atteint {nm}."
    ],
    "ratios_qualitative": ["Nous suivrons la marge nette et la sécurité financière chaque mois."],
    "budget:labels": [
        ("Ventes HT", "Coûts variables", "Marge sur coûts variables", "Frais fixes")
        + ("Résultat d’exploitation",),
    ],
    "budget:headers": [("Rubrique", "Valeur", "Valeur en euros", "k€", "#", "Part des ventes")],
    "total": ["Cumul"],
    "spend:table": [
        (
            ("Investissement", "Coût"),
            [
                ("Stand et matériel de salon", 6_400),
                ("Nouveau site marchand", 11_000),
                ("Campagnes sur les réseaux", 5_500),
            ],
            "Total investi",
        )
    ],
    "internship:same_sentence": [
        "Du {start} au {end}, j’ai travaillé {count} jours ouvrés chez {name}.",
    ],
    "internship:next_sentence": [
        "Ma période en entreprise a couru du {start} au {end}. Elle totalise {count} jours ouvrés.",
    ],
    "internship:no_count": ["Période en entreprise : du {start} au {end}."],
    "internship:start_only": [
        "Arrivé le {start} pour {weeks} semaines, j’ai effectué {count} jours ouvrés.",
    ],
    "internship:table_labels": [("Date d’arrivée", "Date de départ", "Nombre de jours")],
    "days_unit": ["jours ouvrés"],
    "nps:counts": [
        "Parmi {n} personnes interrogées, {p} attribuent 9 ou 10 (promoteurs), {d} donnent "
        "6 ou moins (détracteurs) et {pa} se situent à 7 ou 8 (neutres).",
    ],
    "nps:stated": [
        "Notre NPS ressort donc à {nps}.",
        "Le score de recommandation (NPS) vaut {nps}.",
        "NPS = % promoteurs − % détracteurs = ({p} − {d}) / {n} × 100 = {nps}.",
    ],
    "nps:shares": [
        "On compte {p_pct} de promoteurs, {pa_pct} de neutres et {d_pct} de détracteurs."
    ],
    "nps:table_labels": [
        ("Profil", "Effectif", "Promoteurs", "Neutres", "Détracteurs", "Net Promoter Score"),
    ],
    "csat:counts": ["{s} des {n} clients sondés se disent satisfaits (note de 4 ou 5 sur 5)."],
    "csat:stated": [
        "Le score CSAT s’élève à {csat}.",
        "Notre taux de clients satisfaits atteint {csat}.",
        "CSAT = satisfaits / répondants = {s} / {n} = {csat}.",
    ],
    "csat:mean": ["En moyenne, les clients attribuent {mean} / 5 (CSAT moyen)."],
    "csat:table_labels": [("Appréciation", "Effectif")],
    "csat:score": ["Note {k}"],
    "reporting:fr": [
        "Le semestre s’achève sur {ca_h1} de ventes, soit {ach} de la cible. Les agences "
        "tiennent leurs chiffres, le site décroche. Nous proposons d’accélérer les relances "
        "et de revoir les annonces en ligne.",
        "Bilan : {ach} de l’objectif réalisé ({ca_h1}). Les clients historiques restent "
        "fidèles ; la conquête ralentit. Priorité au rappel des prospects et à la formation "
        "des techniciens.",
    ],
    "reporting:en": [
        "The half-year closed at {ca_h1_en} in sales, {ach_en} of the target. Branches are "
        "on track while the website is lagging behind. We suggest faster follow-ups and a "
        "revised online advertising plan.",
        "Summary: {ach_en} of the objective achieved ({ca_h1_en}). Long-standing customers "
        "remain loyal but new business is slowing down; priorities are prospect call-backs "
        "and technician training.",
    ],
    "reporting:en_short": [
        "In short: {ca_h1_en} in sales, {ach_en} of target; corrective plan in progress.",
    ],
    "kpi:headers": [("KPI", "Cible", "Atteint", "% de l’objectif")],
    "kpi:ca_label": ["Ventes du semestre (k€)"],
    "kpi:orders_label": ["Commandes web"],
    "conversion": [
        "Avec {orders} commandes pour {sessions} sessions, la conversion du site est de {conv}."
    ],
    "basket": [
        "Chaque commande rapporte en moyenne {basket} ({revenue} au total, {orders} commandes)."
    ],
    "pricing:headers": [("Produit", "Qté", "PU HT", "Total HT")],
    "pricing:lines": [("Remise commerciale", "Net HT", "TVA (20 %)", "Net à payer TTC")],
    "pricing:item": ["Équipement principal"],
    "pricing:prose": [
        "Pour {qty} équipements à {unit} HT pièce ({gross} HT), nous accordons {disc} de "
        "remise : {net} HT, TVA {vat}, soit {ttc} TTC à régler."
    ],
}

HELDOUT = Bank(
    name="heldout",
    seed=7_919_311,
    companies=COMPANIES,
    elements={**E1, **E2, **E3},
    numbering=NUMBERING,
    keywords=["Volet", "Thème", "Point", "Module", "Livrable"],
    custom_styles=["Intertitre {n}", "Mon titre {n}"],
    placeholders=["[À rédiger]", "Voir document joint.", "TODO : compléter cette partie."],
    toc_titles=["Plan du dossier", "Contenu"],
    intro_titles=["Avant-propos", "Introduction générale"],
    conclusion_titles=["Bilan et perspectives", "Pour conclure"],
    intros={
        "E1": ["Après un état des lieux de {name}, ce dossier propose une stratégie chiffrée."],
        "E2": ["Ce document retrace le travail commercial mené pour {name}, de la cible au bilan."],
        "E3": ["Voici le compte rendu de mes semaines passées au service commercial de {name}."],
    },
    conclusions=[
        "Ces semaines ont confirmé mon envie de travailler dans le développement commercial."
    ],
    covers={
        "E1": ["Étude de cas – bloc 1", "{name}"],
        "E2": ["Cas pratiques et reporting – E2", "{name}"],
        "E3": ["Mémoire de stage", "{name}"],
    },
    phrasings=PHRASINGS,
)
